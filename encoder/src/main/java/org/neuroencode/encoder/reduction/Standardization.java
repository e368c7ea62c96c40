package org.neuroencode.encoder.reduction;

import org.neuroencode.encoder.ridge.Matrix;

/**
 * scikit-learn's StandardScaler: per-feature mean and population standard deviation (ddof = 0). A feature
 * that is constant up to rounding gets scale 1, as scikit-learn's {@code _is_constant_feature} decides, so
 * that it standardizes to (nearly) zero instead of amplifying rounding noise into a unit-variance feature.
 */
final class Standardization {

    private static final double EPSILON = Math.ulp(1.0);

    private final double[] means;
    private final double[] scales;

    private Standardization(double[] means, double[] scales) {
        this.means = means;
        this.scales = scales;
    }

    /** Two passes (mean, then squared deviations), which keeps features on large offsets exact. */
    static Standardization fit(TrainingRows rows) {
        int n = rows.samples();
        int p = rows.features();
        double[] row = new double[p];
        double[] means = new double[p];
        for (int i = 0; i < n; i++) {
            rows.copy(i, 0, p, row);
            for (int j = 0; j < p; j++) {
                means[j] += row[j];
            }
        }
        for (int j = 0; j < p; j++) {
            means[j] /= n;
        }
        double[] variances = new double[p];
        for (int i = 0; i < n; i++) {
            rows.copy(i, 0, p, row);
            for (int j = 0; j < p; j++) {
                double deviation = row[j] - means[j];
                variances[j] += deviation * deviation;
            }
        }
        double[] scales = new double[p];
        for (int j = 0; j < p; j++) {
            double variance = variances[j] / n;
            double roundingBound = n * EPSILON * variance + Math.pow(n * Math.abs(means[j]) * EPSILON, 2);
            scales[j] = variance <= roundingBound ? 1 : Math.sqrt(variance);
        }
        return new Standardization(means, scales);
    }

    double[] means() {
        return means;
    }

    double[] scales() {
        return scales;
    }

    /**
     * Writes the standardized features {@code from..from+block.cols()−1} of samples
     * {@code firstRow..firstRow+block.rows()−1} into {@code block}.
     *
     * @return the sum of the squares written, the block's share of the total variance
     */
    double fill(TrainingRows rows, int firstRow, int from, Matrix block) {
        int width = block.cols();
        double[] values = new double[width];
        double sumOfSquares = 0;
        for (int i = 0; i < block.rows(); i++) {
            rows.copy(firstRow + i, from, width, values);
            for (int j = 0; j < width; j++) {
                double z = (values[j] - means[from + j]) / scales[from + j];
                values[j] = z;
                sumOfSquares += z * z;
            }
            block.write(i * width, values, 0, width);
        }
        return sumOfSquares;
    }
}
