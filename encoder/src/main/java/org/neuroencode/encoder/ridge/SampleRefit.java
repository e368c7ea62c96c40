package org.neuroencode.encoder.ridge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The refit of a batch on all its samples at each voxel's chosen alpha, from the samples: G = X̃ᵀX̃ once and
 * B = X̃ᵀỸ per voxel block by GEMM, and (G + αI)⁻¹ from a Cholesky factorization per chosen alpha, whose product
 * with B serves that alpha's voxels: p²·v in GEMMs and no p×p eigendecomposition, where projecting onto an
 * eigenbasis and back costs 2p²·v (triangular solves with the factor, the same p²·v, ran at a fraction of the GEMM
 * rate on the narrow blocks of one alpha's voxels). An alpha at or below the pseudo-inverse tolerance times trace G (alpha 0 among them), where
 * G + αI may be too ill-conditioned to factor accurately, or whose factorization breaks down, is solved through
 * an eigendecomposition of G as {@link EigenBasis} solves it (the pseudo-inverse for alpha 0).
 */
final class SampleRefit {

    private SampleRefit() {
    }

    /** Row-major p×v coefficients of x (n×p) and y (n×v) about the given centers, at alpha {@code best[j]} for voxel j. */
    static double[] coefficients(double[] x, double[] y, int n, double[] centerX, double[] centerY, int[] best, RidgeSettings settings,
            LinearAlgebra linearAlgebra, ExecutorService pool) {
        int p = centerX.length;
        int v = centerY.length;
        double[] alphas = settings.alphas();
        double[] coef = new double[p * v];
        try (Matrix centered = SufficientStats.centeredRows(x, p, 0, n, centerX, linearAlgebra); Matrix gram = linearAlgebra.allocate(p, p)) {
            linearAlgebra.gemm(true, false, 1, centered, centered, 0, gram);
            double trace = 0;
            for (int i = 0; i < p; i++) {
                trace += gram.get(i, i);
            }
            KFoldRidgeCv.trace("refit gram");
            boolean[] used = new boolean[alphas.length];
            for (int a : best) {
                used[a] = true;
            }
            Matrix[] inverses = new Matrix[alphas.length];
            Solver solver = new Solver(gram, alphas, settings.pinvRelativeTolerance(), inverses, linearAlgebra);
            try {
                List<Future<?>> tasks = new ArrayList<>();
                for (int a = 0; a < alphas.length; a++) {
                    if (used[a] && alphas[a] > trace * settings.pinvRelativeTolerance()) {
                        int alpha = a;
                        tasks.add(pool.submit(() -> {
                            inverses[alpha] = shiftedInverse(gram, alphas[alpha], linearAlgebra);
                            return null;
                        }));
                    }
                }
                Tasks.getAll(tasks);
                KFoldRidgeCv.trace("refit inverses");
                tasks.clear();
                for (int start = 0; start < v; start += settings.voxelBlockSize()) {
                    int from = start;
                    int width = Math.min(settings.voxelBlockSize(), v - from);
                    tasks.add(pool.submit(() -> {
                        solveBlock(centered, y, n, centerY, best, from, width, solver, coef, linearAlgebra);
                        return null;
                    }));
                }
                Tasks.getAll(tasks);
            } finally {
                for (Matrix inverse : inverses) {
                    if (inverse != null) {
                        inverse.close();
                    }
                }
                solver.close();
            }
        }
        return coef;
    }

    private static void solveBlock(Matrix centered, double[] y, int n, double[] centerY, int[] best, int from, int width, Solver solver,
            double[] coef, LinearAlgebra linearAlgebra) {
        int p = centered.cols();
        int v = centerY.length;
        double[] cross;
        try (Matrix responses = linearAlgebra.allocate(n, width); Matrix product = linearAlgebra.allocate(p, width)) {
            double[] row = new double[width];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < width; j++) {
                    row[j] = y[i * v + from + j] - centerY[from + j];
                }
                responses.write(i * width, row, 0, width);
            }
            linearAlgebra.gemm(true, false, 1, centered, responses, 0, product);
            cross = product.toArray();
        }
        int alphas = solver.alphas.length;
        int[] count = new int[alphas];
        for (int j = 0; j < width; j++) {
            count[best[from + j]]++;
        }
        for (int a = 0; a < alphas; a++) {
            if (count[a] == 0) {
                continue;
            }
            int[] members = new int[count[a]];
            int next = 0;
            for (int j = 0; j < width; j++) {
                if (best[from + j] == a) {
                    members[next++] = j;
                }
            }
            double[] gathered = new double[p * members.length];
            for (int i = 0; i < p; i++) {
                for (int c = 0; c < members.length; c++) {
                    gathered[i * members.length + c] = cross[i * width + members[c]];
                }
            }
            try (Matrix rhs = linearAlgebra.copyOf(gathered, p, members.length)) {
                double[] solved = solver.solve(a, rhs);
                for (int i = 0; i < p; i++) {
                    for (int c = 0; c < members.length; c++) {
                        coef[i * v + from + members[c]] = solved[i * members.length + c];
                    }
                }
            }
        }
    }

    /** (G + αI)⁻¹ by its Cholesky factor, or null when the factorization breaks down. */
    private static Matrix shiftedInverse(Matrix gram, double alpha, LinearAlgebra linearAlgebra) {
        int p = gram.rows();
        try (Matrix shifted = linearAlgebra.copyOf(gram.toArray(), p, p)) {
            for (int i = 0; i < p; i++) {
                shifted.set(i, i, shifted.get(i, i) + alpha);
            }
            try (Matrix factor = linearAlgebra.cholesky(shifted)) {
                return factor == null ? null : linearAlgebra.choleskyInverse(factor);
            }
        }
    }

    /** Solves (G + α_a I) W = B by the alpha's Cholesky factor, or through G's eigendecomposition, made once when first needed. */
    private static final class Solver implements AutoCloseable {

        private final Matrix gram;
        private final double[] alphas;
        private final double tolerance;
        private final Matrix[] inverses;
        private final LinearAlgebra linearAlgebra;
        private SymmetricEigen eigen;

        Solver(Matrix gram, double[] alphas, double tolerance, Matrix[] inverses, LinearAlgebra linearAlgebra) {
            this.gram = gram;
            this.alphas = alphas;
            this.tolerance = tolerance;
            this.inverses = inverses;
            this.linearAlgebra = linearAlgebra;
        }

        double[] solve(int alpha, Matrix rhs) {
            if (inverses[alpha] != null) {
                try (Matrix solved = linearAlgebra.allocate(rhs.rows(), rhs.cols())) {
                    linearAlgebra.gemm(false, false, 1, inverses[alpha], rhs, 0, solved);
                    return solved.toArray();
                }
            }
            SymmetricEigen decomposition = eigen();
            int p = gram.rows();
            double[] values = decomposition.values();
            double largest = 0;
            for (double value : values) {
                largest = Math.max(largest, value);
            }
            double threshold = largest * tolerance;
            try (Matrix coordinates = linearAlgebra.allocate(p, rhs.cols()); Matrix solved = linearAlgebra.allocate(p, rhs.cols())) {
                linearAlgebra.gemm(true, false, 1, decomposition.vectors(), rhs, 0, coordinates);
                double[] row = new double[rhs.cols()];
                for (int k = 0; k < p; k++) {
                    double eigenvalue = Math.max(0, values[k]);
                    double factor = alphas[alpha] > 0 ? 1 / (eigenvalue + alphas[alpha])
                            : eigenvalue > threshold && eigenvalue > 0 ? 1 / eigenvalue : 0;
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

        private synchronized SymmetricEigen eigen() {
            if (eigen == null) {
                eigen = linearAlgebra.symmetricEigen(gram);
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
