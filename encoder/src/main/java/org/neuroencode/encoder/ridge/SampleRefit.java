package org.neuroencode.encoder.ridge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The refit of a batch on all its samples at each voxel's chosen alpha, for the sample-space route. One
 * eigendecomposition, of the smaller of the kernel X̃X̃ᵀ (n×n) and the Gram X̃ᵀX̃ (p×p), gives every alpha's ridge map
 * in factored form, W_α = L S_α Rᵀ Ỹ with S_α = diag 1/(λ + α): L = X̃ᵀU and R = U from the kernel, L = V and R = X̃V
 * from the Gram. In double, an alpha that serves many voxels gets its map M_α = L S_α Rᵀ (p×n) formed once, so that
 * each of its voxels costs one product of p·n (forming B = X̃ᵀỸ and solving with a factor of G + αI cost two); an
 * alpha serving few voxels applies the factors to them instead; the voxels of an alpha are gathered across the whole
 * fit, so the products are wide. In mixed precision the factors apply to every voxel in float, each voxel's
 * coordinates scaled by its own alpha's S, one voxel block at a time ({@link SingleBlocks}). Alpha 0 gives the minimum-norm
 * least-squares fit (eigenvalues at or below the pseudo-inverse tolerance times the largest are dropped), as
 * {@link EigenBasis} solves it.
 *
 * <p>{@link #start} runs the decomposition on the pool, {@link #startFactors} the factors once the folds' hats are
 * formed, while cross-validation still runs; {@link #coefficients} and {@link SingleBlocks#solve} wait for them.
 */
final class SampleRefit implements AutoCloseable {

    private final ExecutorService pool;
    private final LinearAlgebra linearAlgebra;
    private final java.util.concurrent.CompletableFuture<Matrix> kernelMatrix = new java.util.concurrent.CompletableFuture<>();
    private Future<Decomposition> decomposition;
    private Future<Factors> factors;
    // the factors are also rounded to float, for the mixed-precision refit
    private final boolean single;

    private SampleRefit(ExecutorService pool, LinearAlgebra linearAlgebra, boolean single) {
        this.pool = pool;
        this.linearAlgebra = linearAlgebra;
        this.single = single;
    }

    /**
     * X̃ = x − centerX (x row-major n×p) and its eigendecomposition, as a task on {@code pool}; when that is done, the
     * factors' task (L = X̃ᵀU or R = X̃V) is queued behind whatever the pool holds then, so that it is off the path to
     * the folds' hats and the cross-validation.
     */
    static SampleRefit start(double[] x, int n, double[] centerX, RidgeSettings settings, LinearAlgebra linearAlgebra, ExecutorService pool) {
        SampleRefit refit = new SampleRefit(pool, linearAlgebra, settings.precision() == RidgeSettings.Precision.MIXED);
        refit.decomposition = pool.submit(() -> {
            Decomposition done;
            try {
                done = Decomposition.of(x, n, centerX, settings.pinvRelativeTolerance(), linearAlgebra, refit::publishKernel);
            } catch (RuntimeException | Error e) {
                refit.kernelMatrix.completeExceptionally(e);
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

    /**
     * Queues the factors' task (L = X̃ᵀU or R = X̃V, and their float copies in mixed precision), which takes the
     * decomposition over, if not yet queued. The caller picks the moment: queued when the decomposition ended, it had run
     * ahead of the folds' hats, which are on the path to the cross-validation, and waited for it. Its task waits for the
     * decomposition's, which was queued first, so it never waits for a task queued behind it; a task that waits for the
     * factors ({@link SingleBlocks#solve}) must have been queued after this call, for the same reason.
     */
    synchronized void startFactors() {
        if (factors == null) {
            factors = pool.submit(() -> Factors.of(Tasks.get(decomposition), single, linearAlgebra));
        }
    }

    /** The factors' task, which {@link #startFactors} must have queued. */
    private synchronized Future<Factors> factors() {
        if (factors == null) {
            throw new IllegalStateException("the refit's factors were not started");
        }
        return factors;
    }

    /**
     * Row-major p×v coefficients of y (n×v) about {@code centerY}, at alpha {@code best[j]} for voxel j, in double: an
     * alpha that serves many voxels gets its map, the others the factors, each alpha's voxels gathered into wide
     * products. (Mixed precision refits block by block: {@link #singleBlocks}.)
     */
    double[] coefficients(double[] y, double[] centerY, int[] best, RidgeSettings settings, ExecutorService pool) {
        startFactors();
        Factors factored = Tasks.get(factors());
        int p = factored.left().rows();
        int n = factored.right().rows();
        int m = factored.eigenvalues().length;
        int v = centerY.length;
        double[] alphas = settings.alphas();
        int[][] members = membersByAlpha(best, alphas.length);
        double[][] shrinkages = new double[alphas.length][];
        List<Future<Matrix>> maps = new ArrayList<>();
        for (int a = 0; a < alphas.length; a++) {
            double[] shrinkage = factored.shrinkage(alphas[a]);
            shrinkages[a] = shrinkage;
            long mapCost = (long) p * n * m + (long) p * n * members[a].length;
            long factorCost = ((long) m * n + (long) p * m) * members[a].length;
            boolean formMap = members[a].length > 0 && mapCost < factorCost;
            maps.add(formMap ? pool.submit(() -> factored.map(shrinkage, linearAlgebra)) : null);
        }
        double[] coef = new double[p * v];
        try {
            // the maps were queued first, so a chunk that waits for one waits for a task already running
            List<Future<?>> chunks = new ArrayList<>();
            for (int a = 0; a < alphas.length; a++) {
                int[] voxels = members[a];
                Future<Matrix> map = maps.get(a);
                double[] shrinkage = shrinkages[a];
                for (int start = 0; start < voxels.length; start += settings.voxelBlockSize()) {
                    int from = start;
                    int count = Math.min(settings.voxelBlockSize(), voxels.length - from);
                    chunks.add(pool.submit(() -> {
                        solveChunk(y, centerY, voxels, from, count, factored, map, shrinkage, coef);
                        return null;
                    }));
                }
            }
            Tasks.getAll(chunks);
        } finally {
            for (Future<Matrix> map : maps) {
                if (map != null) {
                    Tasks.await(map);
                    Matrix done = Tasks.quietly(map);
                    if (done != null) {
                        done.close();
                    }
                }
            }
        }
        return coef;
    }

    /** Voxels [from, from + count) of one alpha's list: gathered about their centers, mapped, scattered into coef. */
    private void solveChunk(double[] y, double[] centerY, int[] voxels, int from, int count, Factors factored, Future<Matrix> map,
            double[] shrinkage, double[] coef) {
        int n = factored.right().rows();
        int p = factored.left().rows();
        int v = centerY.length;
        Matrix alphaMap = map == null ? null : Tasks.get(map);
        try (Matrix responses = linearAlgebra.allocateScratch(n, count); Matrix weights = linearAlgebra.allocateScratch(p, count)) {
            double[] row = new double[count];
            for (int i = 0; i < n; i++) {
                gather(y, i * v, centerY, voxels, from, row);
                responses.write(i * count, row, 0, count);
            }
            if (alphaMap != null) {
                linearAlgebra.gemm(false, false, 1, alphaMap, responses, 0, weights);
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

    private static void scatter(double[] row, int[] voxels, int from, double[] coef, int base) {
        for (int c = 0; c < row.length; c++) {
            coef[base + voxels[from + c]] = row[c];
        }
    }

    /**
     * The refit in single precision, on the fit's float copy Ỹ_s = Y − c_s, one voxel block at a time
     * ({@link SingleBlocks#solve}), so that a block is refit as soon as its alphas are chosen. The fit's centers give the
     * intercepts c_y − c_xᵀW, block by block too.
     */
    SingleBlocks singleBlocks(ValidationPair.SingleResponses single, double[] centerX, double[] centerY, RidgeSettings settings) {
        if (!this.single) {
            throw new IllegalStateException("a refit started for double precision has no float factors");
        }
        return new SingleBlocks(single, centerX, centerY, settings.alphas());
    }

    /**
     * W = L S Rᵀ Ỹ_s with each voxel's own shrinkage S applied to its own coordinates, with no map per alpha. Per voxel
     * block, Zᵀ = Ỹ_sᵀ R (a float GEMM), each row of Zᵀ scaled by its voxel's shrinkage, W = L Z (a float GEMM), widened
     * into the coefficients: nothing gathered or scattered, and no p·n·m product per alpha in double, which had cost
     * more than the voxels' own products (W1: 12 GFLOP in double for six maps against 20 in float), for 2(n + p)m per
     * voxel instead of 2pn. Where the model's center c_y is not c_s (no intercept), each voxel then gets the rank-one
     * term L S Rᵀ1 (c_s − c_y) in double, which keeps an offset on the responses out of the float rounding. Blocks may
     * be solved on several threads at once, each voxel in one block.
     */
    final class SingleBlocks {

        private final ValidationPair.SingleResponses single;
        private final double[] centerX;
        private final double[] alphas;
        private final double[] shift;
        private final boolean shifted;
        private final double[] coef;
        private final double[] intercept;
        private float[][] roundedShrinkages;
        private double[][] offsets;

        private SingleBlocks(ValidationPair.SingleResponses single, double[] centerX, double[] centerY, double[] alphas) {
            this.single = single;
            this.centerX = centerX;
            this.alphas = alphas;
            this.shift = TrainingSet.difference(single.center(), centerY);
            this.shifted = java.util.Arrays.stream(shift).anyMatch(value -> value != 0);
            // allocated (and zeroed, 8·p·v bytes) here, on the caller's thread, which does this while the kernel is decomposed
            this.coef = new double[centerX.length * centerY.length];
            this.intercept = centerY.clone();
        }

        /**
         * Coefficients and intercepts of voxels [from, from + width) at alphas {@code best[from..]}; waits for the
         * factors, which must have been started ({@link #startFactors}) before the task calling this was queued.
         */
        void solve(int from, int width, int[] best) {
            Factors factored = Tasks.get(factors());
            float[][] shrinkages = shrinkages(factored);
            int v = intercept.length;
            SingleMatrix responses = single.centered();
            SingleMatrix left = factored.leftSingle();
            SingleMatrix right = factored.rightSingle();
            try (SingleMatrix coordinates = linearAlgebra.allocateSingleScratch(width, right.cols());
                    SingleMatrix weights = linearAlgebra.allocateSingleScratch(left.rows(), width)) {
                linearAlgebra.gemm(true, false, responses.view(0, responses.rows(), from, width), right, 0f, coordinates);
                linearAlgebra.scaleRows(coordinates, shrinkages, best, from);
                linearAlgebra.gemm(false, true, left, coordinates, 0f, weights);
                linearAlgebra.widenInto(weights, coef, from, v);
            }
            if (shifted) {
                addCenterShift(factored, best, from, width);
            }
            RidgeSolution.subtractCenterProducts(centerX, coef, intercept, from, width);
        }

        /** Row-major p×v coefficients, complete once every block is solved. */
        double[] coef() {
            return coef;
        }

        /** The intercepts c_y − c_xᵀW, complete once every block is solved. */
        double[] intercept() {
            return intercept;
        }

        /** Each alpha's shrinkage rounded to float, made once. */
        private synchronized float[][] shrinkages(Factors factored) {
            if (roundedShrinkages == null) {
                roundedShrinkages = new float[alphas.length][];
                for (int a = 0; a < alphas.length; a++) {
                    double[] shrinkage = factored.shrinkage(alphas[a]);
                    roundedShrinkages[a] = new float[shrinkage.length];
                    for (int k = 0; k < shrinkage.length; k++) {
                        roundedShrinkages[a][k] = (float) shrinkage[k];
                    }
                }
            }
            return roundedShrinkages;
        }

        /** coef[:, j] += L S_α Rᵀ1 · shift_j for each voxel j of the block at its alpha α, in double. */
        private void addCenterShift(Factors factored, int[] best, int from, int width) {
            double[][] byAlpha = offsets(factored);
            int v = intercept.length;
            for (int i = 0; i < centerX.length; i++) {
                for (int j = from; j < from + width; j++) {
                    coef[i * v + j] += byAlpha[best[j]][i] * shift[j];
                }
            }
        }

        /** L S_α Rᵀ1 for every alpha, made once. */
        private synchronized double[][] offsets(Factors factored) {
            if (offsets == null) {
                double[] rightSums = factored.rightColumnSums();
                offsets = new double[alphas.length][];
                for (int a = 0; a < alphas.length; a++) {
                    offsets[a] = factored.offset(factored.shrinkage(alphas[a]), rightSums);
                }
            }
            return offsets;
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
        // the factors' task took the decomposition over and closes it, also when it fails; without one, the decomposition
        // is closed here (one that failed closed what it held)
        if (started != null) {
            Tasks.await(started);
            Factors done = Tasks.quietly(started);
            if (done != null) {
                done.close();
            }
        } else {
            Decomposition done = Tasks.quietly(decomposition);
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
    private record Factors(Matrix left, Matrix right, double[] eigenvalues, double threshold, boolean kernel, SingleMatrix leftSingle,
            SingleMatrix rightSingle) implements AutoCloseable {

        /**
         * L and R from a decomposition, which this takes over: its X̃ is closed here, its vectors by the factors; with
         * {@code single}, also rounded to float for {@link SingleBlocks}, here rather than on the path after
         * cross-validation.
         */
        static Factors of(Decomposition decomposition, boolean single, LinearAlgebra linearAlgebra) {
            Factors factors = of(decomposition, linearAlgebra);
            if (!single) {
                return factors;
            }
            SingleMatrix left = null;
            try {
                left = linearAlgebra.rounded(factors.left(), new double[factors.left().rows()]);
                SingleMatrix right = linearAlgebra.rounded(factors.right(), new double[factors.right().rows()]);
                return new Factors(factors.left(), factors.right(), factors.eigenvalues(), factors.threshold(), factors.kernel(), left, right);
            } catch (RuntimeException | Error e) {
                if (left != null) {
                    left.close();
                }
                factors.close();
                throw e;
            }
        }

        private static Factors of(Decomposition decomposition, LinearAlgebra linearAlgebra) {
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
                return kernel ? new Factors(derived, vectors, values, threshold, true, null, null)
                        : new Factors(vectors, derived, values, threshold, false, null, null);
            }
        }

        double[] shrinkage(double alpha) {
            double[] factors = new double[eigenvalues.length];
            for (int k = 0; k < factors.length; k++) {
                factors[k] = EigenBasis.shrinkageFactor(eigenvalues[k], alpha, threshold);
            }
            return factors;
        }

        /** Rᵀ1 (m). */
        double[] rightColumnSums() {
            int n = right.rows();
            int m = right.cols();
            double[] sums = new double[m];
            double[] row = new double[m];
            for (int i = 0; i < n; i++) {
                right.read(i * m, row, 0, m);
                Matrix.addScaled(sums, 1, row);
            }
            return sums;
        }

        /** L S r (p), for r = Rᵀ1. */
        double[] offset(double[] shrinkage, double[] rightSums) {
            int p = left.rows();
            int m = right.cols();
            double[] scaled = new double[m];
            for (int k = 0; k < m; k++) {
                scaled[k] = shrinkage[k] * rightSums[k];
            }
            double[] result = new double[p];
            double[] row = new double[m];
            for (int i = 0; i < p; i++) {
                left.read(i * m, row, 0, m);
                double sum = 0;
                for (int k = 0; k < m; k++) {
                    sum += row[k] * scaled[k];
                }
                result[i] = sum;
            }
            return result;
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
            if (leftSingle != null) {
                leftSingle.close();
                rightSingle.close();
            }
        }
    }
}
