package org.neuroencode.encoder.reduction;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The test's independent reference: StandardScaler written the obvious way, and a one-sided (Hestenes)
 * Jacobi SVD that orthogonalizes the columns of the data matrix itself, so it never forms ZᵀZ or ZZᵀ as
 * both routes under test do.
 */
final class DirectSvd {

    /** @param singularValues descending; @param rightVectors the matching right singular vectors as rows */
    record Svd(double[] singularValues, double[][] rightVectors) {
    }

    private DirectSvd() {
    }

    static double[][] standardize(double[][] x) {
        int n = x.length;
        int p = x[0].length;
        double[][] z = new double[n][p];
        for (int j = 0; j < p; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j];
            }
            mean /= n;
            double variance = 0;
            for (double[] row : x) {
                variance += (row[j] - mean) * (row[j] - mean);
            }
            double scale = variance == 0 ? 1 : Math.sqrt(variance / n);
            for (int i = 0; i < n; i++) {
                z[i][j] = (x[i][j] - mean) / scale;
            }
        }
        return z;
    }

    static Svd svd(double[][] matrix) {
        int n = matrix.length;
        int p = matrix[0].length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = matrix[i].clone();
        }
        double[][] v = new double[p][p];
        for (int j = 0; j < p; j++) {
            v[j][j] = 1;
        }
        boolean rotated = true;
        for (int sweep = 0; sweep < 100 && rotated; sweep++) {
            rotated = false;
            for (int i = 0; i < p - 1; i++) {
                for (int j = i + 1; j < p; j++) {
                    rotated |= orthogonalize(a, v, i, j);
                }
            }
        }
        double[] norms = new double[p];
        for (int j = 0; j < p; j++) {
            for (double[] row : a) {
                norms[j] += row[j] * row[j];
            }
            norms[j] = Math.sqrt(norms[j]);
        }
        Integer[] order = IntStream.range(0, p).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(j -> -norms[j]));
        double[] values = new double[p];
        double[][] vectors = new double[p][p];
        for (int r = 0; r < p; r++) {
            values[r] = norms[order[r]];
            for (int j = 0; j < p; j++) {
                vectors[r][j] = v[j][order[r]];
            }
        }
        return new Svd(values, vectors);
    }

    /** Cosines of the principal angles between the row spaces of two matrices with orthonormal rows. */
    static double[] principalCosines(double[][] a, double[][] b) {
        double[][] overlap = new double[a.length][b.length];
        for (int r = 0; r < a.length; r++) {
            for (int s = 0; s < b.length; s++) {
                for (int j = 0; j < a[r].length; j++) {
                    overlap[r][s] += a[r][j] * b[s][j];
                }
            }
        }
        return svd(overlap).singularValues();
    }

    private static boolean orthogonalize(double[][] a, double[][] v, int i, int j) {
        double alpha = 0;
        double beta = 0;
        double gamma = 0;
        for (double[] row : a) {
            alpha += row[i] * row[i];
            beta += row[j] * row[j];
            gamma += row[i] * row[j];
        }
        if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) {
            return false;
        }
        double zeta = (beta - alpha) / (2 * gamma);
        double t = Math.signum(zeta == 0 ? 1 : zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        double c = 1 / Math.sqrt(1 + t * t);
        double s = c * t;
        for (double[][] target : new double[][][] {a, v}) {
            for (double[] row : target) {
                double left = row[i];
                double right = row[j];
                row[i] = c * left - s * right;
                row[j] = s * left + c * right;
            }
        }
        return true;
    }
}
