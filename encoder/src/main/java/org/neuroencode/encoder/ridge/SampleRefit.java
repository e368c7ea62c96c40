package org.neuroencode.encoder.ridge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The refit of a batch on all its samples at each voxel's chosen alpha, for the sample-space route. One
 * eigendecomposition, of the smaller of the kernel X̃X̃ᵀ (n×n) and the Gram X̃ᵀX̃ (p×p), gives every alpha's ridge map
 * in factored form, W_α = L S_α Rᵀ Ỹ with S_α = diag 1/(λ + α): L = X̃ᵀU and R = U from the kernel, L = V and R = X̃V
 * from the Gram. An alpha that serves many voxels gets its map M_α = L S_α Rᵀ (p×n) formed once, so that each of its
 * voxels costs one product of p·n (forming B = X̃ᵀỸ and solving with a factor of G + αI cost two); an alpha serving
 * few voxels applies the factors to them instead. The voxels of an alpha are gathered across the whole fit, so the
 * products are wide. Alpha 0 gives the minimum-norm least-squares fit (eigenvalues at or below the pseudo-inverse
 * tolerance times the largest are dropped), as {@link EigenBasis} solves it.
 *
 * <p>{@link #start} runs the decomposition on the pool while cross-validation still runs; {@link #coefficients}
 * waits for it.
 */
final class SampleRefit implements AutoCloseable {

    private final ExecutorService pool;
    private final LinearAlgebra linearAlgebra;
    private final java.util.concurrent.CompletableFuture<Matrix> kernelMatrix = new java.util.concurrent.CompletableFuture<>();
    private Future<Decomposition> decomposition;
    private Future<Factors> factors;

    private SampleRefit(ExecutorService pool, LinearAlgebra linearAlgebra) {
        this.pool = pool;
        this.linearAlgebra = linearAlgebra;
    }

    /**
     * X̃ = x − centerX (x row-major n×p) and its eigendecomposition, as a task on {@code pool}; when that is done, the
     * factors' task (L = X̃ᵀU or R = X̃V) is queued behind whatever the pool holds then, so that it is off the path to
     * the folds' hats and the cross-validation.
     */
    static SampleRefit start(double[] x, int n, double[] centerX, RidgeSettings settings, LinearAlgebra linearAlgebra, ExecutorService pool) {
        SampleRefit refit = new SampleRefit(pool, linearAlgebra);
        refit.decomposition = pool.submit(() -> {
            Decomposition done;
            try {
                done = Decomposition.of(x, n, centerX, settings.pinvRelativeTolerance(), linearAlgebra, refit::publishKernel);
            } catch (RuntimeException | Error e) {
                refit.kernelMatrix.completeExceptionally(e);
                throw e;
            }
            try {
                refit.startFactors(done);
            } catch (RuntimeException | Error e) {
                done.close();
                throw e;
            }
            return done;
        });
        return refit;
    }

    /**
     * The decomposition of the kernel about the refit's center when the refit made one (n ≤ p; eigenvalues ascending,
     * clamped at zero), else null. Waits for it; the refit owns it.
     */
    SymmetricEigen kernel() {
        Decomposition done = Tasks.get(decomposition);
        return done.kernel() ? new SymmetricEigen(done.eigenvalues(), done.vectors()) : null;
    }

    /**
     * K = X̃X̃ᵀ (n×n) as soon as it is formed, before its eigendecomposition, when the refit decomposes the kernel (n ≤
     * p); else null. Waits for it; the refit owns it, and frees it when closed.
     */
    Matrix kernelMatrix() {
        return Tasks.get(kernelMatrix);
    }

    private void publishKernel(Matrix product) {
        kernelMatrix.complete(product);
    }

    /** Queues the factors' task, which takes the decomposition over. */
    private synchronized void startFactors(Decomposition done) {
        factors = pool.submit(() -> Factors.of(done, linearAlgebra));
    }

    /** The factors' task, once the decomposition has queued it. */
    private Future<Factors> factors() {
        Tasks.get(decomposition);
        synchronized (this) {
            return factors;
        }
    }

    /**
     * Row-major p×v coefficients of y (n×v) about {@code centerY}, at alpha {@code best[j]} for voxel j. In mixed
     * precision the responses are rounded to float about {@code sampleMean} (the samples' own means, so that an offset
     * stays out of the rounding when centerY is zero), and M(y − centerY) = M(y − sampleMean) + (M1)(sampleMean −
     * centerY)ᵀ, the rank-one term in double.
     */
    double[] coefficients(double[] y, double[] centerY, double[] sampleMean, int[] best, RidgeSettings settings, ExecutorService pool) {
        Factors factored = Tasks.get(factors());
        int p = factored.left().rows();
        int n = factored.right().rows();
        int m = factored.eigenvalues().length;
        int v = centerY.length;
        double[] alphas = settings.alphas();
        int[][] members = membersByAlpha(best, alphas.length);
        boolean single = settings.precision() == RidgeSettings.Precision.MIXED;
        double[][] shrinkages = new double[alphas.length][];
        List<Future<AlphaMap>> maps = new ArrayList<>();
        for (int a = 0; a < alphas.length; a++) {
            double[] shrinkage = factored.shrinkage(alphas[a]);
            shrinkages[a] = shrinkage;
            long mapCost = (long) p * n * m + (long) p * n * members[a].length;
            long factorCost = ((long) m * n + (long) p * m) * members[a].length;
            boolean formMap = members[a].length > 0 && mapCost < factorCost;
            maps.add(formMap ? pool.submit(() -> AlphaMap.of(factored.map(shrinkage, linearAlgebra), single, linearAlgebra)) : null);
        }
        double[] coef = new double[p * v];
        try {
            // the maps were queued first, so a chunk that waits for one waits for a task already running
            List<Future<?>> chunks = new ArrayList<>();
            for (int a = 0; a < alphas.length; a++) {
                int[] voxels = members[a];
                Future<AlphaMap> map = maps.get(a);
                double[] shrinkage = shrinkages[a];
                for (int start = 0; start < voxels.length; start += settings.voxelBlockSize()) {
                    int from = start;
                    int count = Math.min(settings.voxelBlockSize(), voxels.length - from);
                    chunks.add(pool.submit(() -> {
                        solveChunk(y, centerY, sampleMean, voxels, from, count, factored, map, shrinkage, coef);
                        return null;
                    }));
                }
            }
            Tasks.getAll(chunks);
        } finally {
            for (Future<AlphaMap> map : maps) {
                if (map != null) {
                    Tasks.await(map);
                    AlphaMap done = Tasks.quietly(map);
                    if (done != null) {
                        done.close();
                    }
                }
            }
        }
        return coef;
    }

    /** Voxels [from, from + count) of one alpha's list: gathered about their centers, mapped, scattered into coef. */
    private void solveChunk(double[] y, double[] centerY, double[] sampleMean, int[] voxels, int from, int count, Factors factored,
            Future<AlphaMap> map, double[] shrinkage, double[] coef) {
        int n = factored.right().rows();
        int p = factored.left().rows();
        int v = centerY.length;
        AlphaMap alphaMap = map == null ? null : Tasks.get(map);
        if (alphaMap != null && alphaMap.single() != null) {
            solveChunkSingle(y, centerY, sampleMean, voxels, from, count, alphaMap, coef);
            return;
        }
        try (Matrix responses = linearAlgebra.allocateScratch(n, count); Matrix weights = linearAlgebra.allocateScratch(p, count)) {
            double[] row = new double[count];
            for (int i = 0; i < n; i++) {
                gather(y, i * v, centerY, voxels, from, row);
                responses.write(i * count, row, 0, count);
            }
            if (alphaMap != null) {
                linearAlgebra.gemm(false, false, 1, alphaMap.map(), responses, 0, weights);
            } else {
                factored.apply(shrinkage, responses, weights, linearAlgebra);
            }
            for (int i = 0; i < p; i++) {
                weights.read(i * count, row, 0, count);
                scatter(row, voxels, from, coef, i * v);
            }
        }
    }

    // gathers and scatters are small methods of their own, which the JIT compiles quickly

    private static void gather(double[] y, int base, double[] centerY, int[] voxels, int from, double[] row) {
        for (int c = 0; c < row.length; c++) {
            int voxel = voxels[from + c];
            row[c] = y[base + voxel] - centerY[voxel];
        }
    }

    private static void gather(double[] y, int base, double[] centerY, int[] voxels, int from, float[] row) {
        for (int c = 0; c < row.length; c++) {
            int voxel = voxels[from + c];
            row[c] = (float) (y[base + voxel] - centerY[voxel]);
        }
    }

    private static void scatter(double[] row, int[] voxels, int from, double[] coef, int base) {
        for (int c = 0; c < row.length; c++) {
            coef[base + voxels[from + c]] = row[c];
        }
    }

    /** The same in single precision: the map and the responses about the samples' means rounded to float, one float GEMM. */
    private void solveChunkSingle(double[] y, double[] centerY, double[] sampleMean, int[] voxels, int from, int count, AlphaMap map,
            double[] coef) {
        SingleMatrix single = map.single();
        int p = single.rows();
        int n = single.cols();
        int v = centerY.length;
        float[] row = new float[count];
        double[] shift = new double[count];
        for (int c = 0; c < count; c++) {
            int voxel = voxels[from + c];
            shift[c] = sampleMean[voxel] - centerY[voxel];
        }
        try (SingleMatrix responses = linearAlgebra.allocateSingleScratch(n, count);
                SingleMatrix weights = linearAlgebra.allocateSingleScratch(p, count)) {
            for (int i = 0; i < n; i++) {
                gather(y, i * v, sampleMean, voxels, from, row);
                responses.writeRow(i, 0, row, 0, count);
            }
            linearAlgebra.gemm(false, false, single, responses, 0f, weights);
            double[] widened = new double[count];
            for (int i = 0; i < p; i++) {
                weights.readRow(i, 0, row, 0, count);
                SingleMatrix.widenShifted(row, map.rowSums()[i], shift, widened);
                scatter(widened, voxels, from, coef, i * v);
            }
        }
    }

    /** One alpha's map M = L S Rᵀ, in double, or rounded to float with its row sums M1 for {@link RidgeSettings.Precision#MIXED}. */
    private record AlphaMap(Matrix map, SingleMatrix single, double[] rowSums) implements AutoCloseable {

        static AlphaMap of(Matrix map, boolean single, LinearAlgebra linearAlgebra) {
            if (!single) {
                return new AlphaMap(map, null, null);
            }
            try (map) {
                double[] rowSums = new double[map.rows()];
                return new AlphaMap(null, linearAlgebra.rounded(map, rowSums), rowSums);
            }
        }

        @Override
        public void close() {
            if (map != null) {
                map.close();
            }
            if (single != null) {
                single.close();
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

    @Override
    public void close() {
        Tasks.await(decomposition);
        Matrix product = kernelMatrix.getNow(null);
        if (product != null) {
            product.close();
        }
        Future<Factors> started;
        synchronized (this) {
            started = factors;
        }
        // the factors' task took the decomposition over and closes it, also when it fails; without one, the
        // decomposition failed (or queuing the task did) and closed what it held
        if (started != null) {
            Tasks.await(started);
            Factors done = Tasks.quietly(started);
            if (done != null) {
                done.close();
            }
        }
    }

    /**
     * X̃ (n×p, in the backend's storage) and the eigendecomposition of the smaller of its kernel and Gram, the
     * eigenvalues clamped at zero, with the pseudo-inverse threshold.
     */
    private record Decomposition(Matrix centered, Matrix vectors, double[] eigenvalues, double threshold, boolean kernel) implements AutoCloseable {

        /**
         * Hands the kernel K (when n ≤ p) to {@code kernelReady}, which takes it over, before decomposing it; without
         * one, hands it null once the decomposition is done.
         */
        static Decomposition of(double[] x, int n, double[] centerX, double tolerance, LinearAlgebra linearAlgebra,
                java.util.function.Consumer<Matrix> kernelReady) {
            int p = centerX.length;
            boolean kernel = n <= p;
            int size = kernel ? n : p;
            Matrix centered = SufficientStats.centeredRows(x, p, 0, n, centerX, linearAlgebra);
            SymmetricEigen eigen = null;
            Matrix product = null;
            try {
                product = linearAlgebra.allocateScratch(size, size);
                linearAlgebra.gemm(!kernel, kernel, 1, centered, centered, 0, product);
                Matrix decomposed = product;
                if (kernel) {
                    // the kernel is the refit's from here on
                    kernelReady.accept(product);
                    product = null;
                }
                eigen = linearAlgebra.symmetricEigen(decomposed);
                if (product != null) {
                    product.close();
                    product = null;
                    kernelReady.accept(null);
                }
                double[] values = eigen.values();
                double threshold = EigenBasis.clampAndThreshold(values, tolerance);
                return new Decomposition(centered, eigen.vectors(), values, threshold, kernel);
            } catch (RuntimeException | Error e) {
                centered.close();
                if (product != null) {
                    product.close();
                }
                if (eigen != null) {
                    eigen.close();
                }
                throw e;
            }
        }

        @Override
        public void close() {
            centered.close();
            vectors.close();
        }
    }

    /** W_α = L S_α Rᵀ Ỹ: L (p×m), R (n×m) and the eigenvalues (m), clamped at zero, with the pseudo-inverse threshold. */
    private record Factors(Matrix left, Matrix right, double[] eigenvalues, double threshold, boolean kernel) implements AutoCloseable {

        /** L and R from a decomposition, which this takes over: its X̃ is closed here, its vectors by the factors. */
        static Factors of(Decomposition decomposition, LinearAlgebra linearAlgebra) {
            try (Matrix centered = decomposition.centered()) {
                boolean kernel = decomposition.kernel();
                Matrix vectors = decomposition.vectors();
                int size = vectors.cols();
                Matrix derived = null;
                try {
                    derived = kernel ? linearAlgebra.allocateScratch(centered.cols(), size) : linearAlgebra.allocateScratch(centered.rows(), size);
                    // X̃ᵀU from the kernel's vectors, X̃V from the Gram's
                    linearAlgebra.gemm(kernel, false, 1, centered, vectors, 0, derived);
                } catch (RuntimeException | Error e) {
                    vectors.close();
                    if (derived != null) {
                        derived.close();
                    }
                    throw e;
                }
                double[] values = decomposition.eigenvalues();
                double threshold = decomposition.threshold();
                return kernel ? new Factors(derived, vectors, values, threshold, true) : new Factors(vectors, derived, values, threshold, false);
            }
        }

        double[] shrinkage(double alpha) {
            double[] factors = new double[eigenvalues.length];
            for (int k = 0; k < factors.length; k++) {
                factors[k] = EigenBasis.shrinkageFactor(eigenvalues[k], alpha, threshold);
            }
            return factors;
        }

        /** M = L S Rᵀ (p×n). */
        Matrix map(double[] shrinkage, LinearAlgebra linearAlgebra) {
            int p = left.rows();
            int m = eigenvalues.length;
            Matrix map = linearAlgebra.allocateScratch(p, right.rows());
            try (Matrix scaled = linearAlgebra.allocateScratch(p, m)) {
                scaled.copyScaledColumns(left, shrinkage);
                linearAlgebra.gemm(false, true, 1, scaled, right, 0, map);
                return map;
            } catch (RuntimeException | Error e) {
                map.close();
                throw e;
            }
        }

        /** weights ← L S Rᵀ responses, without forming the map. */
        void apply(double[] shrinkage, Matrix responses, Matrix weights, LinearAlgebra linearAlgebra) {
            int m = eigenvalues.length;
            int count = responses.cols();
            try (Matrix coordinates = linearAlgebra.allocateScratch(m, count)) {
                linearAlgebra.gemm(true, false, 1, right, responses, 0, coordinates);
                coordinates.scaleRows(shrinkage);
                linearAlgebra.gemm(false, false, 1, left, coordinates, 0, weights);
            }
        }

        @Override
        public void close() {
            left.close();
            right.close();
        }
    }
}
