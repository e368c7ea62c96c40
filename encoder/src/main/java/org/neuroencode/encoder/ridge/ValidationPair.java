package org.neuroencode.encoder.ridge;

/**
 * A model trained on one training set, validated on a held-out fold using only that fold's sufficient
 * statistics. With ŷ = c_y + (x − c_x)ᵀw, over the fold:
 * Σ(ŷ−ŷ̄)(y−ȳ) = wᵀCxy_f, Σ(ŷ−ŷ̄)² = wᵀCxx_f w and ŷ̄ = c_y + (x̄_f − c_x)ᵀw. In the eigenbasis each is a
 * GEMM over all alphas, except Σ(ŷ−ŷ̄)², which needs one p×p×block GEMM per alpha.
 *
 * <p>Holds the voxel-independent parts (M = WᵀCxx_f W and u = Wᵀ(x̄_f − c_x)); {@link #evaluate} handles
 * one voxel block.
 */
final class ValidationPair implements AutoCloseable {

    private final LinearAlgebra linearAlgebra;
    private final EigenBasis training;
    private final SufficientStats fold;
    private final Matrix projectedFoldGram;
    private final Matrix shiftShrinkage;

    ValidationPair(EigenBasis training, SufficientStats fold, LinearAlgebra linearAlgebra) {
        this.linearAlgebra = linearAlgebra;
        this.training = training;
        this.fold = fold;
        int p = fold.features();
        Matrix basis = training.basis();
        this.projectedFoldGram = linearAlgebra.allocate(p, p);
        try (Matrix foldGram = linearAlgebra.copyOf(fold.cxxStorage(), p, p); Matrix product = linearAlgebra.allocate(p, p)) {
            linearAlgebra.gemm(false, false, 1, foldGram, basis, 0, product);
            linearAlgebra.gemm(true, false, 1, basis, product, 0, projectedFoldGram);
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
        int alphas = training.shrinkageMatrix().rows();
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
                Matrix product = linearAlgebra.allocate(p, width);
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
            double[] sumPP = new double[alphas * width];
            double[] scaled = new double[p * width];
            for (int a = 0; a < alphas; a++) {
                for (int k = 0; k < p; k++) {
                    double factor = training.shrinkage(a, k);
                    for (int j = 0; j < width; j++) {
                        scaled[k * width + j] = factor * coordinates[k * width + j];
                    }
                }
                work.copyFrom(scaled);
                linearAlgebra.gemm(false, false, 1, projectedFoldGram, work, 0, product);
                double[] quadratic = product.toArray();
                for (int k = 0; k < p; k++) {
                    for (int j = 0; j < width; j++) {
                        sumPP[a * width + j] += scaled[k * width + j] * quadratic[k * width + j];
                    }
                }
            }
            return new AlphaPath(fold, training.training().centerY(), from, width,
                    meanShift.toArray(), sumPO.toArray(), sumPP);
        }
    }

    @Override
    public void close() {
        projectedFoldGram.close();
        shiftShrinkage.close();
    }
}
