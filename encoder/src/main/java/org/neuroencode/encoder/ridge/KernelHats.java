package org.neuroencode.encoder.ridge;

import java.util.function.IntSupplier;

/**
 * Every fold's hat blocks from one eigendecomposition of the whole kernel, by the K-fold deletion identity. With
 * N_α = I − H_α the residual maker of the fit on all n samples (H_α its hat matrix, intercept unpenalized), the
 * model trained without fold f leaves on f the residuals N_α,ff⁻¹ (N_α y)_f, so its predictions there are
 * H^cv = −N_α,ff⁻¹ N_α,f,tr applied to the training rows. From K = U Λ Uᵀ (the kernel about the refit's center:
 * the mean with an intercept, the origin without), N_α = U diag(α/(λ + α)) Uᵀ, less J = 11ᵀ/n with an intercept
 * (the constant is fitted exactly). Per alpha: N_α for every fold at once (half of it: n³ multiply-adds, where the
 * folds' rows by GEMMs took 2n³), then per fold the Cholesky inverse of its n_f×n_f block times its rows, instead of
 * an eigendecomposition of the fold's n_tr×n_tr training kernel; the same decomposition serves the refit
 * ({@link SampleRefit}). Where K + αI is well conditioned ({@link #inverseServes}), N_α comes from its Cholesky
 * inverse instead, which does not wait for the eigendecomposition ({@link StackedHats} runs the two side by side).
 *
 * <p>The block N_α,ff has condition number at most (λ_max + α)/α · n/(n − n_f), and double precision then leaves
 * about 1e−16 times that in the hat, so the identity serves only grids whose smallest alpha is at least
 * {@link #MIN_RELATIVE_ALPHA} times the largest eigenvalue (error ≲ 1e−8, below the float rounding of the mixed
 * route that uses it); alpha 0, whose pseudo-inverse the identity does not give, never qualifies.
 */
final class KernelHats {

    /** Smallest alpha, relative to the kernel's largest eigenvalue, for which the identity is used. */
    static final double MIN_RELATIVE_ALPHA = 1e-8;

    /** Largest condition number of K + αI for which the hats come from its inverse ({@link #inverseServes}). */
    static final double MAX_INVERSE_CONDITION = 1e4;

    private KernelHats() {
    }

    /** Whether the identity is accurate for every alpha of the grid, given the kernel's eigenvalues. */
    static boolean applies(double[] eigenvalues, double[] alphas) {
        double largest = 0;
        for (double eigenvalue : eigenvalues) {
            largest = Math.max(largest, eigenvalue);
        }
        return applies(largest, alphas);
    }

    /** The same given the largest eigenvalue, or a bound on it (which makes the answer conservative). */
    static boolean applies(double largest, double[] alphas) {
        double smallestAlpha = alphas[0];
        for (double alpha : alphas) {
            smallestAlpha = Math.min(smallestAlpha, alpha);
        }
        return smallestAlpha > 0 && smallestAlpha >= MIN_RELATIVE_ALPHA * largest;
    }

    /** Receives one fold's hat at one alpha, split at the fold: its columns for the training rows before and after it. */
    interface FoldHatSink {

        /** {@code before} is n_f × start, {@code after} n_f × (n − end); both are reused once this returns. */
        void accept(int alpha, int fold, Matrix before, Matrix after);
    }

    /**
     * Every fold's hat at each alpha whose index {@code next} hands out, until it gives one past the grid (tasks that
     * share a counter, or an {@link AlphaSchedule}, share the grid out); the folds being {@code folds} of the kernel's
     * n samples. {@code kernel} is the decomposition of K about the refit's center, {@code intercept} whether that
     * center is the mean. N_α is formed once for all folds as the lower triangle of (U D^½)(U D^½)ᵀ,
     * D = diag(α/(λ + α)) (a symmetric rank-n update: half the work of the folds' rows by GEMMs), less J, in n×n
     * storage reused from alpha to alpha.
     */
    static void foldHats(SymmetricEigen kernel, double[] alphas, IntSupplier next, boolean intercept, KFolds folds, LinearAlgebra linearAlgebra,
            FoldHatSink sink) {
        Matrix vectors = kernel.vectors();
        double[] eigenvalues = kernel.values();
        int n = vectors.rows();
        // a task that the schedule leaves nothing allocates nothing
        int first = next.getAsInt();
        if (first >= alphas.length) {
            return;
        }
        double[] roots = new double[n];
        try (Matrix scaled = linearAlgebra.allocateScratch(n, n); Matrix residual = linearAlgebra.allocateScratch(n, n);
                FoldBlocks blocks = new FoldBlocks(folds, n, linearAlgebra)) {
            for (int a = first; a < alphas.length; a = next.getAsInt()) {
                double alpha = alphas[a];
                for (int k = 0; k < n; k++) {
                    roots[k] = Math.sqrt(alpha / (eigenvalues[k] + alpha));
                }
                scaled.copyScaledColumns(vectors, roots);
                linearAlgebra.lowerProduct(scaled, residual);
                if (intercept) {
                    // less J = 11ᵀ/n (above the diagonal too, where nothing is read)
                    linearAlgebra.addToRows(-1.0 / n, ones(n), residual);
                }
                hatsOfFolds(residual, alpha, a, blocks, linearAlgebra, sink);
            }
        }
    }

    /**
     * The same without the eigendecomposition, from K itself ({@code kernelMatrix}, about the refit's center), for
     * alphas that {@link #inverseServes}: N_α/α = (K + αI)⁻¹ − J/α by a Cholesky factorization and inverse (n³
     * multiply-adds, as the rank-n update), the hats being unchanged by the scale. This can run while K is still
     * being decomposed.
     */
    static void foldHatsFromInverse(Matrix kernelMatrix, double[] alphas, IntSupplier next, boolean intercept, KFolds folds,
            LinearAlgebra linearAlgebra, FoldHatSink sink) {
        int n = kernelMatrix.rows();
        // the decomposition's tasks ask here too once their own alphas are done, mostly to find none left
        int first = next.getAsInt();
        if (first >= alphas.length) {
            return;
        }
        try (Matrix residual = linearAlgebra.allocateScratch(n, n); FoldBlocks blocks = new FoldBlocks(folds, n, linearAlgebra)) {
            for (int a = first; a < alphas.length; a = next.getAsInt()) {
                double alpha = alphas[a];
                // a native copy: through a heap copy of K, the first alpha had spent some 50 ms on copies and page faults
                linearAlgebra.copyBlock(kernelMatrix, 0, 0, residual);
                residual.addToDiagonal(alpha);
                if (!linearAlgebra.invertLower(residual)) {
                    throw new ArithmeticException("the kernel plus " + alpha + " times the identity is not positive definite");
                }
                if (intercept) {
                    linearAlgebra.addToRows(-1.0 / (alpha * n), ones(n), residual);
                }
                hatsOfFolds(residual, alpha, a, blocks, linearAlgebra, sink);
            }
        }
    }

    /**
     * Whether alpha's hats may come from (K + αI)⁻¹ ({@link #foldHatsFromInverse}), given a bound on K's largest
     * eigenvalue: the inverse then carries about its condition number times ε, (bound + α)/α at most, and the fold
     * block's inverse multiplies that by as much again, so the condition number is held to
     * {@link #MAX_INVERSE_CONDITION} (an error ≲ 1e−8, as the eigendecomposition's route allows itself).
     */
    static boolean inverseServes(double alpha, double eigenvalueBound) {
        return alpha > 0 && (eigenvalueBound + alpha) / alpha <= MAX_INVERSE_CONDITION;
    }

    /** An upper bound on the largest eigenvalue of a symmetric positive semi-definite matrix: its Frobenius norm. */
    static double largestEigenvalueBound(Matrix symmetric, LinearAlgebra linearAlgebra) {
        return linearAlgebra.frobeniusNorm(symmetric);
    }

    private static double[] ones(int n) {
        double[] unit = new double[n];
        java.util.Arrays.fill(unit, 1);
        return unit;
    }

    /** Every fold's hat from the lower triangle of N (or a multiple of it), to the sink. */
    private static void hatsOfFolds(Matrix residual, double alpha, int a, FoldBlocks blocks, LinearAlgebra linearAlgebra, FoldHatSink sink) {
        for (int f = 0; f < blocks.folds.count(); f++) {
            FoldBlocks.Fold fold = blocks.fold(f);
            foldHat(residual, alpha, blocks.folds.start(f), blocks.folds.end(f), fold, linearAlgebra);
            sink.accept(a, f, fold.before(), fold.after());
        }
    }

    /**
     * One task's storage for every fold's blocks of N and its hat, allocated at a fold's first alpha and reused for the
     * task's next ones: the blocks had been copied through the heap into new native matrices for each alpha and fold
     * (6.4 MB each way per alpha at n = 1000).
     */
    private static final class FoldBlocks implements AutoCloseable {

        /** N's rows of the fold left of it and its columns below it, and the hat's columns before and after the fold. */
        private record Fold(Matrix left, Matrix below, Matrix before, Matrix after) {
        }

        private final KFolds folds;
        private final int n;
        private final LinearAlgebra linearAlgebra;
        private final Fold[] storage;

        FoldBlocks(KFolds folds, int n, LinearAlgebra linearAlgebra) {
            this.folds = folds;
            this.n = n;
            this.linearAlgebra = linearAlgebra;
            this.storage = new Fold[folds.count()];
        }

        Fold fold(int f) {
            if (storage[f] == null) {
                int start = folds.start(f);
                int end = folds.end(f);
                int size = end - start;
                Matrix[] made = new Matrix[4];
                try {
                    made[0] = linearAlgebra.allocateScratch(size, start);
                    made[1] = linearAlgebra.allocateScratch(n - end, size);
                    made[2] = linearAlgebra.allocateScratch(size, start);
                    made[3] = linearAlgebra.allocateScratch(size, n - end);
                } catch (RuntimeException | Error e) {
                    for (Matrix matrix : made) {
                        if (matrix != null) {
                            matrix.close();
                        }
                    }
                    throw e;
                }
                storage[f] = new Fold(made[0], made[1], made[2], made[3]);
            }
            return storage[f];
        }

        @Override
        public void close() {
            for (Fold fold : storage) {
                if (fold != null) {
                    fold.left().close();
                    fold.below().close();
                    fold.before().close();
                    fold.after().close();
                }
            }
        }
    }

    /**
     * Hands a grid's alphas out to the two routes, each alpha to one route whoever asks, so that the result does not
     * depend on the scheduling: those the inverse serves to it, largest first; the rest to the eigendecomposition's,
     * smallest first. Each index is handed out once; past the last of a route, the grid's length.
     */
    static final class AlphaSchedule {

        private final int[] order;
        private final int servedByInverse;
        private int front;
        private int back;

        AlphaSchedule(double[] alphas, double eigenvalueBound) {
            order = java.util.stream.IntStream.range(0, alphas.length).boxed()
                    .sorted((left, right) -> Double.compare(alphas[right], alphas[left])).mapToInt(Integer::intValue).toArray();
            int served = 0;
            while (served < order.length && inverseServes(alphas[order[served]], eigenvalueBound)) {
                served++;
            }
            servedByInverse = served;
            back = order.length - 1;
        }

        /** Whether the inverse serves any alpha. */
        boolean inverseServesAny() {
            return servedByInverse > 0;
        }

        synchronized int nextForInverse() {
            return front < servedByInverse ? order[front++] : order.length;
        }

        synchronized int nextForEigen() {
            return back >= servedByInverse ? order[back--] : order.length;
        }
    }

    /**
     * −N_ff⁻¹ N_f,tr for fold rows [start, end) from the lower triangle of N, into the fold's columns before it and
     * after it: the Cholesky inverse of the fold's block and GEMMs, as triangular solves with many right-hand sides ran
     * at a sixth of the GEMM's rate.
     */
    private static void foldHat(Matrix residual, double alpha, int start, int end, FoldBlocks.Fold blocks, LinearAlgebra linearAlgebra) {
        int size = end - start;
        try (Matrix blockMatrix = linearAlgebra.copyOf(symmetricBlock(residual, start, size), size, size);
                Matrix factor = linearAlgebra.cholesky(blockMatrix)) {
            if (factor == null) {
                throw new ArithmeticException("the fold block of the residual maker at alpha " + alpha + " is not positive definite");
            }
            try (Matrix inverse = linearAlgebra.choleskyInverse(factor)) {
                linearAlgebra.copyBlock(residual, start, 0, blocks.left());
                linearAlgebra.copyBlock(residual, end, start, blocks.below());
                linearAlgebra.gemm(false, false, -1, inverse, blocks.left(), 0, blocks.before());
                linearAlgebra.gemm(false, true, -1, inverse, blocks.below(), 0, blocks.after());
            }
        }
    }

    /** The diagonal block [start, start + size)² of a matrix whose lower triangle holds a symmetric one, in full. */
    private static double[] symmetricBlock(Matrix lower, int start, int size) {
        double[] block = new double[size * size];
        int n = lower.cols();
        for (int i = 0; i < size; i++) {
            lower.read((start + i) * n + start, block, i * size, i + 1);
        }
        Matrix.symmetrize(block, size, true);
        return block;
    }
}
