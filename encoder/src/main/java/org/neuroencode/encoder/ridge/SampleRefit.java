package org.neuroencode.encoder.ridge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The refit of a batch on all its samples at each voxel's chosen alpha, from the samples: G = X̃ᵀX̃ once, and for
 * each chosen alpha a Cholesky factorization of G + αI, applied to B = X̃ᵀỸ of that alpha's voxels: p²·v in all,
 * and no p×p eigendecomposition, where projecting onto an eigenbasis and back costs 2p²·v. The voxels of an alpha
 * are gathered across the whole fit, so the products are wide (GEMMs on the narrow blocks of one alpha within a
 * voxel block ran at a fraction of the GEMM rate); an alpha serving many voxels gets its explicit inverse and a
 * GEMM, since triangular solves run at less than half the GEMM's rate, the others triangular solves. An alpha at or below the
 * pseudo-inverse tolerance times trace G (alpha 0 among them), where G + αI may be too ill-conditioned to factor
 * accurately, or whose factorization breaks down, is solved through an eigendecomposition of G as
 * {@link EigenBasis} solves it (the pseudo-inverse for alpha 0).
 *
 * <p>{@link #start} forms G on the pool while cross-validation still runs; {@link #coefficients} waits for it.
 */
final class SampleRefit implements AutoCloseable {

    /** Voxels of one alpha from which its explicit inverse is formed; fewer are solved with the Cholesky factor. */
    private static final int INVERSE_MIN_VOXELS = 1024;

    private final Matrix centered;
    private final Future<Matrix> gram;
    private final LinearAlgebra linearAlgebra;

    private SampleRefit(Matrix centered, Future<Matrix> gram, LinearAlgebra linearAlgebra) {
        this.centered = centered;
        this.gram = gram;
        this.linearAlgebra = linearAlgebra;
    }

    /** X̃ = x − centerX (x row-major n×p), and G = X̃ᵀX̃ as a task on {@code pool}. */
    static SampleRefit start(double[] x, int n, double[] centerX, LinearAlgebra linearAlgebra, ExecutorService pool) {
        int p = centerX.length;
        Matrix centered = SufficientStats.centeredRows(x, p, 0, n, centerX, linearAlgebra);
        Future<Matrix> gram = pool.submit(() -> {
            Matrix product = linearAlgebra.allocate(p, p);
            linearAlgebra.gemm(true, false, 1, centered, centered, 0, product);
            return product;
        });
        return new SampleRefit(centered, gram, linearAlgebra);
    }

    /** Row-major p×v coefficients of y (n×v) about {@code centerY}, at alpha {@code best[j]} for voxel j. */
    double[] coefficients(double[] y, double[] centerY, int[] best, RidgeSettings settings, ExecutorService pool) {
        int p = centered.cols();
        int v = centerY.length;
        double[] alphas = settings.alphas();
        Matrix g = Tasks.get(gram);
        double trace = 0;
        for (int i = 0; i < p; i++) {
            trace += g.get(i, i);
        }
        int[][] members = membersByAlpha(best, alphas.length);
        List<Future<Factored>> factors = new ArrayList<>();
        for (int a = 0; a < alphas.length; a++) {
            double alpha = alphas[a];
            boolean factorable = members[a].length > 0 && alpha > trace * settings.pinvRelativeTolerance();
            boolean invert = members[a].length >= INVERSE_MIN_VOXELS;
            factors.add(factorable ? pool.submit(() -> shiftedFactor(g, alpha, invert, linearAlgebra)) : null);
        }
        double[] coef = new double[p * v];
        try (Solver solver = new Solver(g, alphas, settings.pinvRelativeTolerance(), factors, linearAlgebra)) {
            // the factorizations were queued first, so a chunk that waits for one waits for a task already running
            List<Future<?>> chunks = new ArrayList<>();
            for (int a = 0; a < alphas.length; a++) {
                int alpha = a;
                int[] voxels = members[a];
                for (int start = 0; start < voxels.length; start += settings.voxelBlockSize()) {
                    int from = start;
                    int count = Math.min(settings.voxelBlockSize(), voxels.length - from);
                    chunks.add(pool.submit(() -> {
                        solveChunk(y, centerY, voxels, from, count, alpha, solver, coef);
                        return null;
                    }));
                }
            }
            Tasks.getAll(chunks);
        } finally {
            for (Future<Factored> factor : factors) {
                if (factor != null) {
                    Tasks.await(factor);
                    Factored done = Tasks.quietly(factor);
                    if (done != null) {
                        done.close();
                    }
                }
            }
        }
        return coef;
    }

    /** Voxels [from, from + count) of one alpha's list: gathered, B = X̃ᵀỸ, solved, scattered into coef. */
    private void solveChunk(double[] y, double[] centerY, int[] voxels, int from, int count, int alpha, Solver solver, double[] coef) {
        int n = centered.rows();
        int p = centered.cols();
        int v = centerY.length;
        double[] solved;
        try (Matrix responses = linearAlgebra.allocate(n, count); Matrix cross = linearAlgebra.allocate(p, count)) {
            double[] row = new double[count];
            for (int i = 0; i < n; i++) {
                int base = i * v;
                for (int c = 0; c < count; c++) {
                    int voxel = voxels[from + c];
                    row[c] = y[base + voxel] - centerY[voxel];
                }
                responses.write(i * count, row, 0, count);
            }
            linearAlgebra.gemm(true, false, 1, centered, responses, 0, cross);
            solved = solver.solve(alpha, cross);
        }
        for (int i = 0; i < p; i++) {
            int base = i * v;
            for (int c = 0; c < count; c++) {
                coef[base + voxels[from + c]] = solved[i * count + c];
            }
        }
    }

    private static int[][] membersByAlpha(int[] best, int alphas) {
        int[] count = new int[alphas];
        for (int a : best) {
            count[a]++;
        }
        int[][] members = new int[alphas][];
        for (int a = 0; a < alphas; a++) {
            members[a] = new int[count[a]];
        }
        int[] next = new int[alphas];
        for (int j = 0; j < best.length; j++) {
            members[best[j]][next[best[j]]++] = j;
        }
        return members;
    }

    /**
     * The Cholesky factor of G + αI, or with {@code invert} (G + αI)⁻¹ from it; null when the factorization breaks
     * down. Forming the inverse costs about two factorizations and pays off only over many voxels: measured on
     * 1000×1000, dpotri 0.05 s against a GEMM with 1024 columns 0.04 s and dpotrs on them 0.09 s.
     */
    private static Factored shiftedFactor(Matrix gram, double alpha, boolean invert, LinearAlgebra linearAlgebra) {
        int p = gram.rows();
        try (Matrix shifted = linearAlgebra.copyOf(gram.toArray(), p, p)) {
            for (int i = 0; i < p; i++) {
                shifted.set(i, i, shifted.get(i, i) + alpha);
            }
            Matrix factor = linearAlgebra.cholesky(shifted);
            if (factor == null || !invert) {
                return factor == null ? null : new Factored(factor, null);
            }
            try (factor) {
                return new Factored(null, linearAlgebra.choleskyInverse(factor));
            }
        }
    }

    @Override
    public void close() {
        Tasks.await(gram);
        Matrix g = Tasks.quietly(gram);
        if (g != null) {
            g.close();
        }
        centered.close();
    }

    /** One alpha's solver: its Cholesky factor, or the explicit inverse formed from it. Closing frees the matrix. */
    private record Factored(Matrix factor, Matrix inverse) implements AutoCloseable {

        @Override
        public void close() {
            (inverse != null ? inverse : factor).close();
        }
    }

    /** Solves (G + α_a I) W = B by the alpha's inverse or Cholesky factor, or through G's eigendecomposition, made once when first needed. */
    private static final class Solver implements AutoCloseable {

        private final Matrix gram;
        private final double[] alphas;
        private final double tolerance;
        private final List<Future<Factored>> factors;
        private final LinearAlgebra linearAlgebra;
        private SymmetricEigen eigen;
        private double threshold;

        Solver(Matrix gram, double[] alphas, double tolerance, List<Future<Factored>> factors, LinearAlgebra linearAlgebra) {
            this.gram = gram;
            this.alphas = alphas;
            this.tolerance = tolerance;
            this.factors = factors;
            this.linearAlgebra = linearAlgebra;
        }

        double[] solve(int alpha, Matrix rhs) {
            Factored factored = factors.get(alpha) == null ? null : Tasks.get(factors.get(alpha));
            if (factored != null && factored.inverse() != null) {
                try (Matrix solved = linearAlgebra.allocate(rhs.rows(), rhs.cols())) {
                    linearAlgebra.gemm(false, false, 1, factored.inverse(), rhs, 0, solved);
                    return solved.toArray();
                }
            }
            if (factored != null) {
                linearAlgebra.choleskySolve(factored.factor(), rhs);
                return rhs.toArray();
            }
            SymmetricEigen decomposition = eigen();
            int p = gram.rows();
            double[] values = decomposition.values();
            try (Matrix coordinates = linearAlgebra.allocate(p, rhs.cols()); Matrix solved = linearAlgebra.allocate(p, rhs.cols())) {
                linearAlgebra.gemm(true, false, 1, decomposition.vectors(), rhs, 0, coordinates);
                double[] row = new double[rhs.cols()];
                for (int k = 0; k < p; k++) {
                    double factor = EigenBasis.shrinkageFactor(values[k], alphas[alpha], threshold);
                    coordinates.read(k * row.length, row, 0, row.length);
                    for (int j = 0; j < row.length; j++) {
                        row[j] *= factor;
                    }
                    coordinates.write(k * row.length, row, 0, row.length);
                }
                linearAlgebra.gemm(false, false, 1, decomposition.vectors(), coordinates, 0, solved);
                return solved.toArray();
            }
        }

        /** G's eigendecomposition, its eigenvalues clamped and {@link #threshold} set, once, when first needed. */
        private synchronized SymmetricEigen eigen() {
            if (eigen == null) {
                eigen = linearAlgebra.symmetricEigen(gram);
                threshold = EigenBasis.clampAndThreshold(eigen.values(), tolerance);
            }
            return eigen;
        }

        @Override
        public synchronized void close() {
            if (eigen != null) {
                eigen.vectors().close();
            }
        }
    }
}
