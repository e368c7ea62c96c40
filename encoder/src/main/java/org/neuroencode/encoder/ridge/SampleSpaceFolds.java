package org.neuroencode.encoder.ridge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training sets of a batch K-fold fit in sample space, for when every training set has fewer samples than
 * features. One kernel of the globally centered samples, K = X̃X̃ᵀ (n×n, X̃ = X − x̄), serves every fold. About a
 * training set's center c, with δ = x̄ − c and a = X̃δ, its kernel is K̃_tt = K_tt + a1ᵀ + 1aᵀ + δᵀδ: its non-zero
 * eigenvalues are those of the training Gram, and its eigenvectors U give what validation needs without a
 * p-dimensional basis W_R = X̃_trᵀ U Λ^−½:
 * <ul>
 *   <li>the training rows' projection (X_tr − c)W_R = U Λ^½;</li>
 *   <li>the fold rows' projection (X_f − x̄_f)W_R = K̃_ft U Λ^−½, with K̃_ft = K_ft + a_f1ᵀ + 1b_tᵀ + εᵀδ for
 *       ε = x̄ − x̄_f and b = X̃ε;</li>
 *   <li>u = W_Rᵀ(x̄_f − c) = Λ^−½ Uᵀ k with k = a_t − b_t + δᵀδ − εᵀδ.</li>
 * </ul>
 * An eigendecomposition of n_tr×n_tr instead of p×p, and n_f·n_tr·m for the fold's projection instead of
 * (n_tr + n_f)·p·m. Standardization rescales features per training set, which the shared kernel cannot follow,
 * so it stays in feature space.
 */
final class SampleSpaceFolds implements AutoCloseable {

    private final double[] kernel;
    private final Matrix centered;
    private final double[] meanX;
    private final int n;
    private final int p;

    private SampleSpaceFolds(double[] kernel, Matrix centered, double[] meanX, int n, int p) {
        this.kernel = kernel;
        this.centered = centered;
        this.meanX = meanX;
        this.n = n;
        this.p = p;
    }

    /** Whether the fit is cheaper in sample space: no standardization, and every training set smaller than p. */
    static boolean applies(int n, int p, KFolds folds, RidgeSettings settings) {
        if (settings.standardize() || folds.count() < 2) {
            return false;
        }
        for (int f = 0; f < folds.count(); f++) {
            int size = folds.end(f) - folds.start(f);
            if (size == 0 || n - size >= p) {
                return false;
            }
        }
        return true;
    }

    /** The kernel of row-major x (n×p) about its mean, in two row halves on {@code pool}; the caller closes it. */
    static SampleSpaceFolds of(double[] x, int n, int p, double[] meanX, LinearAlgebra linearAlgebra, java.util.concurrent.ExecutorService pool) {
        Matrix centered = SufficientStats.centeredRows(x, p, 0, n, meanX, linearAlgebra);
        try {
            double[] kernel = new double[n * n];
            int half = n / 2;
            List<java.util.concurrent.Future<?>> halves = new ArrayList<>();
            for (int[] range : new int[][] {{0, half}, {half, n}}) {
                halves.add(pool.submit(() -> {
                    try (Matrix rows = SufficientStats.centeredRows(x, p, range[0], range[1], meanX, linearAlgebra);
                            Matrix product = linearAlgebra.allocate(range[1] - range[0], n)) {
                        linearAlgebra.gemm(false, true, 1, rows, centered, 0, product);
                        product.read(0, kernel, range[0] * n, (range[1] - range[0]) * n);
                    }
                    return null;
                }));
            }
            Tasks.getAll(halves);
            return new SampleSpaceFolds(kernel, centered, meanX.clone(), n, p);
        } catch (RuntimeException | Error e) {
            centered.close();
            throw e;
        }
    }

    /**
     * Validation of fold f (rows [rows.start(), rows.end())) by the model trained on the other folds: from the
     * fold's predictions ({@link PredictedFold}) when the responses are in single precision, else from the
     * validation moments ({@link ValidationPair}).
     *
     * @param moments every fold's count, means and Cyy ({@link SufficientStats#momentsOfRows} suffices)
     */
    FoldValidation pair(SufficientStats[] moments, int f, ValidationPair.Rows rows, RidgeSettings settings, LinearAlgebra linearAlgebra) {
        ValidationPair.Spectrum spectrum = spectrum(moments, f, rows, settings, linearAlgebra);
        if (rows.single() == null) {
            return ValidationPair.ofSamples(spectrum, moments[f], linearAlgebra, rows);
        }
        try (Matrix trainingProjection = spectrum.trainingProjection(); Matrix foldProjection = spectrum.foldProjection()) {
            return PredictedFold.of(spectrum, moments[f], rows, settings.criterion(), linearAlgebra);
        }
    }

    /** Every fold but f, pooled. */
    static TrainingSet trainingSet(SufficientStats[] moments, int f, boolean fitIntercept) {
        List<SufficientStats> others = new ArrayList<>(Arrays.asList(moments));
        others.remove(f);
        return TrainingSet.pool(others, fitIntercept);
    }

    /** The eigendecomposition of fold f's training kernel, with both projections (the caller closes them). */
    private ValidationPair.Spectrum spectrum(SufficientStats[] moments, int f, ValidationPair.Rows rows, RidgeSettings settings,
            LinearAlgebra linearAlgebra) {
        TrainingSet training = trainingSet(moments, f, settings.fitIntercept());
        int trainingSize = rows.trainingSize();
        int foldSize = rows.foldSize();
        double[] delta = TrainingSet.difference(meanX, training.centerX());
        double[] epsilon = TrainingSet.difference(meanX, moments[f].meanXStorage());
        double[][] shifts = rowProducts(delta, epsilon, linearAlgebra);
        double[] a = shifts[0];
        double[] b = shifts[1];
        double deltaDelta = dot(delta, delta);
        double epsilonDelta = dot(epsilon, delta);

        double[] trainingKernel = new double[trainingSize * trainingSize];
        for (int i = 0; i < trainingSize; i++) {
            int ri = rows.trainingRow(i);
            for (int j = 0; j < trainingSize; j++) {
                int rj = rows.trainingRow(j);
                trainingKernel[i * trainingSize + j] = kernel[ri * n + rj] + a[ri] + a[rj] + deltaDelta;
            }
        }
        SymmetricEigen eigen;
        try (Matrix matrix = linearAlgebra.copyOf(trainingKernel, trainingSize, trainingSize)) {
            eigen = linearAlgebra.symmetricEigen(matrix);
        }
        try (Matrix vectors = eigen.vectors()) {
            double[] values = eigen.values();
            double threshold = EigenBasis.clampAndThreshold(values, settings.pinvRelativeTolerance());
            int[] range = EigenBasis.ascendingRange(values, threshold);
            int m = range.length;
            double[] eigenvalues = new double[m];
            for (int k = 0; k < m; k++) {
                eigenvalues[k] = values[range[k]];
            }
            // U_R Λ^½ (the training projection) and U_R Λ^−½, row by row
            Matrix trainingProjection = linearAlgebra.allocate(trainingSize, m);
            Matrix inverseRoot = linearAlgebra.allocate(trainingSize, m);
            Matrix foldProjection = null;
            try {
                double[] vectorRow = new double[trainingSize];
                double[] roots = new double[m];
                for (int c = 0; c < m; c++) {
                    roots[c] = Math.sqrt(eigenvalues[c]);
                }
                double[] up = new double[m];
                double[] down = new double[m];
                double[] projectedOffset = new double[m];
                for (int i = 0; i < trainingSize; i++) {
                    vectors.read(i * trainingSize, vectorRow, 0, trainingSize);
                    int ri = rows.trainingRow(i);
                    double k = a[ri] - b[ri] + deltaDelta - epsilonDelta;
                    for (int c = 0; c < m; c++) {
                        double value = vectorRow[range[c]];
                        up[c] = value * roots[c];
                        down[c] = value / roots[c];
                        projectedOffset[c] += down[c] * k;
                    }
                    trainingProjection.write(i * m, up, 0, m);
                    inverseRoot.write(i * m, down, 0, m);
                }
                double[] foldKernel = new double[foldSize * trainingSize];
                for (int i = 0; i < foldSize; i++) {
                    int ri = rows.start() + i;
                    for (int j = 0; j < trainingSize; j++) {
                        int rj = rows.trainingRow(j);
                        foldKernel[i * trainingSize + j] = kernel[ri * n + rj] + a[ri] + b[rj] + epsilonDelta;
                    }
                }
                foldProjection = linearAlgebra.allocate(foldSize, m);
                try (Matrix cross = linearAlgebra.copyOf(foldKernel, foldSize, trainingSize)) {
                    linearAlgebra.gemm(false, false, 1, cross, inverseRoot, 0, foldProjection);
                }
                double[] alphas = settings.alphas();
                double[][] shrinkage = new double[alphas.length][m];
                for (int s = 0; s < alphas.length; s++) {
                    for (int c = 0; c < m; c++) {
                        shrinkage[s][c] = EigenBasis.shrinkageFactor(eigenvalues[c], alphas[s], threshold);
                    }
                }
                return new ValidationPair.Spectrum(eigenvalues, shrinkage, alphas[alphas.length - 1], training.centerY(), projectedOffset,
                        trainingProjection, foldProjection, null, null);
            } catch (RuntimeException | Error e) {
                trainingProjection.close();
                if (foldProjection != null) {
                    foldProjection.close();
                }
                throw e;
            } finally {
                inverseRoot.close();
            }
        }
    }

    /** X̃δ and X̃ε over all n rows, as one GEMM. */
    private double[][] rowProducts(double[] delta, double[] epsilon, LinearAlgebra linearAlgebra) {
        double[] both = new double[p * 2];
        for (int j = 0; j < p; j++) {
            both[j * 2] = delta[j];
            both[j * 2 + 1] = epsilon[j];
        }
        try (Matrix shifts = linearAlgebra.copyOf(both, p, 2); Matrix products = linearAlgebra.allocate(n, 2)) {
            linearAlgebra.gemm(false, false, 1, centered, shifts, 0, products);
            double[] values = products.toArray();
            double[] a = new double[n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = values[i * 2];
                b[i] = values[i * 2 + 1];
            }
            return new double[][] {a, b};
        }
    }

    private static double dot(double[] left, double[] right) {
        double sum = 0;
        for (int i = 0; i < left.length; i++) {
            sum += left[i] * right[i];
        }
        return sum;
    }

    @Override
    public void close() {
        centered.close();
    }
}
