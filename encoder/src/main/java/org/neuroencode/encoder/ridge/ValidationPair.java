package org.neuroencode.encoder.ridge;

/**
 * A model trained on one training set, validated on a held-out fold using only that fold's sufficient
 * statistics. With ŷ = c_y + (x − c_x)ᵀw, over the fold:
 * Σ(ŷ−ŷ̄)(y−ȳ) = wᵀCxy_f, Σ(ŷ−ŷ̄)² = wᵀCxx_f w and ŷ̄ = c_y + (x̄_f − c_x)ᵀw. In the eigenbasis each is a
 * GEMM over all alphas, except Σ(ŷ−ŷ̄)², which is ‖G S_α q‖² per alpha: G (r×p) is a factor of the projected fold
 * Gram, WᵀCxx_f W = GᵀG, from a pivoted Cholesky factorization of Cxx_f, whose rank r is at most n_f − 1. So a
 * small validation fold costs r×p×block per alpha instead of p×p×block, and the alphas are stacked into one GEMM.
 *
 * <p>Holds the voxel-independent parts (G and u = Wᵀ(x̄_f − c_x)); {@link #evaluate} handles one voxel block.
 */
final class ValidationPair implements AutoCloseable {

    /** Most doubles that the stacked per-alpha factors, or their product with a block, may hold at once (32 MiB). */
    private static final long STACK_DOUBLES = 4L << 20;

    private final LinearAlgebra linearAlgebra;
    private final EigenBasis training;
    private final SufficientStats fold;
    private final int rank;
    private final double[] foldFactor;
    private final int alphasPerStack;
    private final Matrix[] stacks;
    private final Matrix shiftShrinkage;

    ValidationPair(EigenBasis training, SufficientStats fold, LinearAlgebra linearAlgebra) {
        this.linearAlgebra = linearAlgebra;
        this.training = training;
        this.fold = fold;
        int p = fold.features();
        Matrix basis = training.basis();
        try (Matrix foldGram = linearAlgebra.copyOf(fold.cxxStorage(), p, p); Matrix factor = linearAlgebra.pivotedCholesky(foldGram);
                Matrix projected = linearAlgebra.allocate(factor.rows(), p)) {
            linearAlgebra.gemm(false, false, 1, factor, basis, 0, projected);
            this.rank = factor.rows();
            this.foldFactor = projected.toArray();
        }
        int alphas = training.shrinkageMatrix().rows();
        this.alphasPerStack = rank == 0 ? alphas : (int) Math.max(1, Math.min(alphas, STACK_DOUBLES / ((long) rank * p)));
        // the stacked factors are kept across voxel blocks when they all fit the budget, else rebuilt per block
        this.stacks = new Matrix[(alphas + alphasPerStack - 1) / alphasPerStack];
        if (rank > 0 && (long) alphas * rank * p <= STACK_DOUBLES) {
            for (int s = 0; s < stacks.length; s++) {
                stacks[s] = stack(s);
            }
        }
        double[] offset = training.training().offsetX(fold);
        double[] projectedOffset = new double[p];
        double[] basisRow = new double[p];
        for (int i = 0; i < p; i++) {
            basis.read(i * p, basisRow, 0, p);
            for (int k = 0; k < p; k++) {
                projectedOffset[k] += basisRow[k] * offset[i];
            }
        }
        this.shiftShrinkage = linearAlgebra.allocate(alphas, p);
        double[] row = new double[p];
        for (int a = 0; a < alphas; a++) {
            for (int k = 0; k < p; k++) {
                row[k] = training.shrinkage(a, k) * projectedOffset[k];
            }
            shiftShrinkage.write(a * p, row, 0, p);
        }
    }

    /** Validation moments of every alpha for voxels [from, from + width). */
    AlphaPath evaluate(int from, int width) {
        int p = fold.features();
        int alphas = shiftShrinkage.rows();
        Matrix basis = training.basis();
        try (Matrix q = training.project(from, width);
                Matrix foldCross = linearAlgebra.allocate(p, width);
                Matrix work = linearAlgebra.allocate(p, width);
                Matrix sumPO = linearAlgebra.allocate(alphas, width);
                Matrix meanShift = linearAlgebra.allocate(alphas, width)) {
            foldCross.copyColumnsFrom(fold.cxyStorage(), fold.voxels(), from);
            linearAlgebra.gemm(true, false, 1, basis, foldCross, 0, work);
            double[] coordinates = q.toArray();
            double[] hadamard = work.toArray();
            for (int i = 0; i < hadamard.length; i++) {
                hadamard[i] *= coordinates[i];
            }
            work.copyFrom(hadamard);
            // Σ_k s_ak Q_kj R_kj for all alphas: wᵀCxy_f
            linearAlgebra.gemm(false, false, 1, training.shrinkageMatrix(), work, 0, sumPO);
            // Σ_k s_ak u_k Q_kj for all alphas: (x̄_f − c_x)ᵀw
            linearAlgebra.gemm(false, false, 1, shiftShrinkage, q, 0, meanShift);
            return new AlphaPath(fold, training.training().centerY(), from, width,
                    meanShift.toArray(), sumPO.toArray(), predictedSquares(q, width));
        }
    }

    /** Σ(ŷ−ŷ̄)² = ‖G S_α q_j‖² for every alpha and voxel of the block, alphas×width row-major. */
    private double[] predictedSquares(Matrix q, int width) {
        int alphas = shiftShrinkage.rows();
        double[] sumPP = new double[alphas * width];
        if (rank == 0) {
            return sumPP;
        }
        double[] row = new double[width];
        for (int s = 0; s < stacks.length; s++) {
            Matrix stack = stacks[s] != null ? stacks[s] : stack(s);
            try (Matrix product = linearAlgebra.allocate(stack.rows(), width)) {
                linearAlgebra.gemm(false, false, 1, stack, q, 0, product);
                for (int r = 0; r < product.rows(); r++) {
                    product.read(r * width, row, 0, width);
                    int target = (s * alphasPerStack + r / rank) * width;
                    for (int j = 0; j < width; j++) {
                        sumPP[target + j] += row[j] * row[j];
                    }
                }
            } finally {
                if (stacks[s] == null) {
                    stack.close();
                }
            }
        }
        return sumPP;
    }

    /** G S_α for the alphas of stack s, stacked vertically: (count·r)×p. */
    private Matrix stack(int s) {
        int p = fold.features();
        int alphas = training.shrinkageMatrix().rows();
        int firstAlpha = s * alphasPerStack;
        int count = Math.min(alphasPerStack, alphas - firstAlpha);
        Matrix stack = linearAlgebra.allocate(count * rank, p);
        double[] row = new double[p];
        for (int c = 0; c < count; c++) {
            for (int i = 0; i < rank; i++) {
                for (int k = 0; k < p; k++) {
                    row[k] = foldFactor[i * p + k] * training.shrinkage(firstAlpha + c, k);
                }
                stack.write((c * rank + i) * p, row, 0, p);
            }
        }
        return stack;
    }

    @Override
    public void close() {
        for (Matrix stack : stacks) {
            if (stack != null) {
                stack.close();
            }
        }
        shiftShrinkage.close();
    }
}
