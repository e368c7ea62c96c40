package org.neuroencode.encoder.ridge;

/**
 * Every fold's hat blocks from one eigendecomposition of the whole kernel, by the K-fold deletion identity. With
 * N_α = I − H_α the residual maker of the fit on all n samples (H_α its hat matrix, intercept unpenalized), the
 * model trained without fold f leaves on f the residuals N_α,ff⁻¹ (N_α y)_f, so its predictions there are
 * H^cv = −N_α,ff⁻¹ N_α,f,tr applied to the training rows. From K = U Λ Uᵀ (the kernel about the refit's center:
 * the mean with an intercept, the origin without), N_α = U diag(α/(λ + α)) Uᵀ, less J = 11ᵀ/n with an intercept
 * (the constant is fitted exactly). Per fold and alpha: its rows of N_α (a GEMM, n_f × n × n) and the Cholesky
 * inverse of their n_f×n_f block times them, instead of an eigendecomposition of the fold's n_tr×n_tr training
 * kernel; the same decomposition serves the refit ({@link SampleRefit}).
 *
 * <p>The block N_α,ff has condition number at most (λ_max + α)/α · n/(n − n_f), and double precision then leaves
 * about 1e−16 times that in the hat, so the identity serves only grids whose smallest alpha is at least
 * {@link #MIN_RELATIVE_ALPHA} times the largest eigenvalue (error ≲ 1e−8, below the float rounding of the mixed
 * route that uses it); alpha 0, whose pseudo-inverse the identity does not give, never qualifies.
 */
final class KernelHats {

    /** Smallest alpha, relative to the kernel's largest eigenvalue, for which the identity is used. */
    static final double MIN_RELATIVE_ALPHA = 1e-8;

    private KernelHats() {
    }

    /** Whether the identity is accurate for every alpha of the grid, given the kernel's eigenvalues. */
    static boolean applies(double[] eigenvalues, double[] alphas) {
        double largest = 0;
        for (double eigenvalue : eigenvalues) {
            largest = Math.max(largest, eigenvalue);
        }
        double smallestAlpha = alphas[0];
        for (double alpha : alphas) {
            smallestAlpha = Math.min(smallestAlpha, alpha);
        }
        return smallestAlpha > 0 && smallestAlpha >= MIN_RELATIVE_ALPHA * largest;
    }

    /**
     * The stacked hat of fold rows [start, end): row a·n_f + i maps the training rows (those before the fold, then
     * those after it) to the prediction of fold row i at alpha a. {@code kernel} is the decomposition of K about the
     * refit's center; {@code intercept} whether that center is the mean. The caller closes the result.
     */
    static FoldHat foldHat(SymmetricEigen kernel, double[] alphas, boolean intercept, int start, int end, LinearAlgebra linearAlgebra) {
        Matrix vectors = kernel.vectors();
        double[] eigenvalues = kernel.values();
        int n = vectors.rows();
        int foldSize = end - start;
        double constant = intercept ? 1.0 / n : 0;
        Matrix[] solved = new Matrix[alphas.length];
        double[] unit = new double[n];
        java.util.Arrays.fill(unit, 1);
        try (Matrix scaled = linearAlgebra.allocate(foldSize, n)) {
            double[] factors = new double[n];
            double[] block = new double[foldSize * foldSize];
            for (int a = 0; a < alphas.length; a++) {
                for (int k = 0; k < n; k++) {
                    factors[k] = alphas[a] / (eigenvalues[k] + alphas[a]);
                }
                scaled.copyScaledColumns(vectors, start, factors);
                // the fold's rows of N_α, less J's constant, then N_ff⁻¹ times them: an explicit inverse and a GEMM, as
                // triangular solves with n right-hand sides ran at a sixth of the GEMM's rate
                try (Matrix residualRows = linearAlgebra.allocate(foldSize, n)) {
                    linearAlgebra.gemm(false, true, 1, scaled, vectors, 0, residualRows);
                    if (constant != 0) {
                        // less J = 11ᵀ/n
                        linearAlgebra.addToRows(-constant, unit, residualRows);
                    }
                    for (int i = 0; i < foldSize; i++) {
                        residualRows.read(i * n + start, block, i * foldSize, foldSize);
                    }
                    try (Matrix blockMatrix = linearAlgebra.copyOf(block, foldSize, foldSize); Matrix factor = linearAlgebra.cholesky(blockMatrix)) {
                        if (factor == null) {
                            throw new ArithmeticException("the fold block of the residual maker at alpha " + alphas[a] + " is not positive definite");
                        }
                        try (Matrix inverse = linearAlgebra.choleskyInverse(factor)) {
                            solved[a] = linearAlgebra.allocate(foldSize, n);
                            linearAlgebra.gemm(false, false, -1, inverse, residualRows, 0, solved[a]);
                        }
                    }
                }
            }
            return new FoldHat(solved, start, end);
        } catch (RuntimeException | Error e) {
            for (Matrix matrix : solved) {
                if (matrix != null) {
                    matrix.close();
                }
            }
            throw e;
        }
    }

    /**
     * −N_ff⁻¹ N_f,: of each alpha (n_f × n): in its training columns (those before the fold, then those after it),
     * the hat.
     */
    record FoldHat(Matrix[] solved, int start, int end) implements AutoCloseable {

        int trainingSize() {
            return solved[0].cols() - (end - start);
        }

        /** Row {@code row} of the stacked hat (alpha row / n_f, fold row row % n_f) over the training columns. */
        void read(int row, double[] target) {
            int foldSize = end - start;
            int n = solved[0].cols();
            Matrix rows = solved[row / foldSize];
            int base = (row % foldSize) * n;
            rows.read(base, target, 0, start);
            rows.read(base + end, target, start, n - end);
        }

        /**
         * The stacked hat (alphas·n_f × n_tr, row a·n_f + i) rounded to float, into {@code target}, and the sums of its
         * rows in double into {@code rowSums}.
         */
        void roundInto(SingleMatrix target, double[] rowSums, LinearAlgebra linearAlgebra) {
            int foldSize = end - start;
            int n = solved[0].cols();
            for (int a = 0; a < solved.length; a++) {
                linearAlgebra.roundInto(solved[a], 0, start, target, a * foldSize, 0, rowSums, a * foldSize);
                linearAlgebra.roundInto(solved[a], end, n - end, target, a * foldSize, start, rowSums, a * foldSize);
            }
        }

        @Override
        public void close() {
            for (Matrix matrix : solved) {
                matrix.close();
            }
        }
    }
}
