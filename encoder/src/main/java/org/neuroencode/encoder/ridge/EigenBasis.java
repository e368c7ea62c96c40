package org.neuroencode.encoder.ridge;

/**
 * One eigendecomposition of a training Gram, which serves every alpha: with G = V Λ Vᵀ the ridge weights are
 * w_α = W diag(1/(λ+α)) Wᵀ B, where W = S V folds in the optional feature scaling S and B is the training
 * cross-moment. All alphas are then diagonal scalings of Q = Wᵀ B.
 *
 * <p>Failure policy: eigenvalues that rounding pushed below zero are clamped to zero; for alpha 0 (OLS) the
 * pseudo-inverse drops eigenvalues at or below the relative tolerance times the largest, giving the
 * minimum-norm solution on rank-deficient designs and w = 0 when the Gram is zero.
 */
final class EigenBasis implements AutoCloseable {

    private final LinearAlgebra linearAlgebra;
    private final TrainingSet training;
    private final Matrix basis;
    private final double[][] shrinkage;
    private final Matrix shrinkageMatrix;
    private final double[] eigenvalues;
    private final double pinvThreshold;
    private final double largestAlpha;

    private EigenBasis(LinearAlgebra linearAlgebra, TrainingSet training, Matrix basis, double[][] shrinkage, double[] eigenvalues,
            double pinvThreshold, double largestAlpha) {
        this.linearAlgebra = linearAlgebra;
        this.training = training;
        this.basis = basis;
        this.shrinkage = shrinkage;
        this.eigenvalues = eigenvalues;
        this.pinvThreshold = pinvThreshold;
        this.largestAlpha = largestAlpha;
        int p = training.features();
        this.shrinkageMatrix = linearAlgebra.allocate(shrinkage.length, p);
        for (int a = 0; a < shrinkage.length; a++) {
            shrinkageMatrix.write(a * p, shrinkage[a], 0, p);
        }
    }

    static EigenBasis of(TrainingSet training, RidgeSettings settings, LinearAlgebra linearAlgebra) {
        int p = training.features();
        double[] scale = settings.standardize() ? inverseStandardDeviations(training.featureVariance()) : null;
        double[] gram = training.gram();
        if (scale != null) {
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    gram[i * p + j] *= scale[i] * scale[j];
                }
            }
        }
        SymmetricEigen eigen;
        try (Matrix gramMatrix = linearAlgebra.copyOf(gram, p, p)) {
            eigen = linearAlgebra.symmetricEigen(gramMatrix);
        }
        Matrix basis = eigen.vectors();
        if (scale != null) {
            basis.scaleRows(scale);
        }
        double[] eigenvalues = eigen.values();
        double threshold = clampAndThreshold(eigenvalues, settings.pinvRelativeTolerance());
        double[] alphas = settings.alphas();
        double[][] shrinkage = new double[alphas.length][p];
        for (int a = 0; a < alphas.length; a++) {
            for (int k = 0; k < p; k++) {
                shrinkage[a][k] = shrinkageFactor(eigenvalues[k], alphas[a], threshold);
            }
        }
        return new EigenBasis(linearAlgebra, training, basis, shrinkage, eigenvalues, threshold, alphas[alphas.length - 1]);
    }

    /** The largest alpha of the grid. */
    double largestAlpha() {
        return largestAlpha;
    }

    /** Eigenvalue of direction k (as used by the shrinkage: clamped at zero). */
    double eigenvalue(int k) {
        return eigenvalues[k];
    }

    /**
     * The directions of the numerical range, in ascending eigenvalue order: eigenvalue above the pseudo-inverse
     * threshold (and above zero). The other directions span the numerical null space of the training Gram, where
     * the training cross-moments vanish up to rounding, so they carry no fitted signal.
     */
    int[] rangeDirections() {
        return ascendingRange(eigenvalues, pinvThreshold);
    }

    /**
     * The pseudo-inverse policy's first step, for any symmetric eigendecomposition of a Gram or kernel: clamps
     * eigenvalues that rounding pushed below zero (in place) and returns the threshold, the relative tolerance
     * times the largest.
     */
    static double clampAndThreshold(double[] eigenvalues, double relativeTolerance) {
        double largest = 0;
        for (int k = 0; k < eigenvalues.length; k++) {
            eigenvalues[k] = Math.max(0, eigenvalues[k]);
            largest = Math.max(largest, eigenvalues[k]);
        }
        return largest * relativeTolerance;
    }

    /** Indices of the eigenvalues above the threshold (and above zero), ordered by eigenvalue, ties by index. */
    static int[] ascendingRange(double[] eigenvalues, double threshold) {
        return java.util.stream.IntStream.range(0, eigenvalues.length)
                .filter(k -> eigenvalues[k] > threshold && eigenvalues[k] > 0).boxed()
                .sorted(java.util.Comparator.comparingDouble(k -> eigenvalues[k])).mapToInt(Integer::intValue).toArray();
    }

    TrainingSet training() {
        return training;
    }

    /** W, p×p: maps eigen-coordinates back to (unscaled) feature weights. */
    Matrix basis() {
        return basis;
    }

    /** 1/(λ_k + α_a) as an alphas×p matrix, for GEMMs over all alphas at once. */
    Matrix shrinkageMatrix() {
        return shrinkageMatrix;
    }

    double shrinkage(int alpha, int k) {
        return shrinkage[alpha][k];
    }

    /**
     * The coefficients W S_a Wᵀ B of voxels [from, from + width), each at its own alpha {@code alphas[voxel]} (an index
     * into the grid), written into columns [from, from + width) of the row-major p×v {@code coef}.
     */
    void coefficientsInto(int[] alphas, int from, int width, double[] coef) {
        int p = training.features();
        int v = training.voxels();
        try (Matrix coordinates = project(from, width); Matrix weights = linearAlgebra.allocate(p, width)) {
            double[] row = new double[width];
            for (int k = 0; k < p; k++) {
                coordinates.read(k * width, row, 0, width);
                shrink(row, k, alphas, from);
                coordinates.write(k * width, row, 0, width);
            }
            linearAlgebra.gemm(false, false, 1, basis, coordinates, 0, weights);
            for (int i = 0; i < p; i++) {
                weights.read(i * width, coef, i * v + from, width);
            }
        }
    }

    /**
     * coordinates[j] ×= the shrinkage of direction k at alpha alphas[from + j]: row k of a voxel block's eigen-coordinates
     * shrunk at each voxel's own alpha (a method of its own, so that the JIT compiles the loop once).
     */
    private void shrink(double[] coordinates, int k, int[] alphas, int from) {
        for (int j = 0; j < coordinates.length; j++) {
            coordinates[j] *= shrinkage[alphas[from + j]][k];
        }
    }

    /** Q = Wᵀ B for voxels [from, from + width): the eigen-coordinates of the training cross-moments. */
    Matrix project(int from, int width) {
        int p = training.features();
        Matrix q = linearAlgebra.allocate(p, width);
        try (Matrix cross = linearAlgebra.allocate(p, width)) {
            training.crossInto(from, cross);
            linearAlgebra.gemm(true, false, 1, basis, cross, 0, q);
        }
        return q;
    }

    @Override
    public void close() {
        basis.close();
        shrinkageMatrix.close();
    }

    /** 1/(λ + α); for alpha 0 the pseudo-inverse: 1/λ above the threshold, 0 below it. */
    static double shrinkageFactor(double eigenvalue, double alpha, double pinvThreshold) {
        if (alpha > 0) {
            return 1 / (eigenvalue + alpha);
        }
        return eigenvalue > pinvThreshold && eigenvalue > 0 ? 1 / eigenvalue : 0;
    }

    /** Zero-variance features keep scale 1 (as scikit-learn's StandardScaler), so they contribute nothing rather than NaN. */
    private static double[] inverseStandardDeviations(double[] variance) {
        double[] scale = new double[variance.length];
        for (int i = 0; i < scale.length; i++) {
            scale[i] = variance[i] > 0 ? 1 / Math.sqrt(variance[i]) : 1;
        }
        return scale;
    }
}
