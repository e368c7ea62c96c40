package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

/** Synthetic regression problems and tolerance-aware comparisons shared by the ridge tests. */
final class TestProblems {

    private TestProblems() {
    }

    /** Samples x (n×p) and y (n×v). */
    record Problem(double[][] x, double[][] y) {

        int n() {
            return x.length;
        }
    }

    /**
     * y = offset + x W + noise, with noise growing across voxels so that the best alpha differs from voxel to
     * voxel, and features on offset {@code featureOffset}.
     */
    static Problem linear(long seed, int n, int p, int v, double featureOffset) {
        Random random = new Random(seed);
        double[][] weights = new double[p][v];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < v; j++) {
                weights[i][j] = random.nextGaussian() / Math.sqrt(p);
            }
        }
        double[][] x = new double[n][p];
        double[][] y = new double[n][v];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < p; i++) {
                x[r][i] = featureOffset + random.nextGaussian();
            }
            for (int j = 0; j < v; j++) {
                double noise = 0.1 * Math.pow(100, (double) j / Math.max(1, v - 1));
                y[r][j] = 5 + noise * random.nextGaussian();
                for (int i = 0; i < p; i++) {
                    y[r][j] += (x[r][i] - featureOffset) * weights[i][j];
                }
            }
        }
        return new Problem(x, y);
    }

    /** Column means of a [rows][cols] array. */
    static double[] columnMeans(double[][] rows) {
        double[] mean = new double[rows[0].length];
        for (double[] row : rows) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += row[j] / rows.length;
            }
        }
        return mean;
    }

    /** Row-major p×v of a [p][v] array. */
    static double[] flatten(double[][] matrix) {
        int cols = matrix[0].length;
        double[] flat = new double[matrix.length * cols];
        for (int i = 0; i < matrix.length; i++) {
            System.arraycopy(matrix[i], 0, flat, i * cols, cols);
        }
        return flat;
    }

    /** Max-norm relative closeness: ‖expected − actual‖∞ ≤ tolerance · ‖expected‖∞; NaNs must coincide. */
    static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double scale = 0;
        for (double e : expected) {
            if (!Double.isNaN(e)) {
                scale = Math.max(scale, Math.abs(e));
            }
        }
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i]) || Double.isNaN(actual[i])) {
                assertTrue(Double.isNaN(expected[i]) && Double.isNaN(actual[i]), what + "[" + i + "]: " + expected[i] + " vs " + actual[i]);
                continue;
            }
            assertEquals(expected[i], actual[i], tolerance * scale, what + "[" + i + "]");
        }
    }

    /** Column {@code voxel} of a row-major p×v array. */
    static double[] voxelColumn(double[] rowMajor, int rows, int voxel) {
        int cols = rowMajor.length / rows;
        double[] column = new double[rows];
        for (int i = 0; i < rows; i++) {
            column[i] = rowMajor[i * cols + voxel];
        }
        return column;
    }
}
