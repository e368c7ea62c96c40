package org.neuroencode.encoder.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NonNegativeQuadraticTest {

    @Test
    void shouldMatchTheBruteForceOptimumOnRandomProblems() {
        Random random = new Random(17);
        int withActiveBounds = 0;
        for (int trial = 0; trial < 400; trial++) {
            int m = 1 + trial % 10;
            double[][] h = randomPositiveDefinite(random, m, trial % 3 == 0);
            double[] g = random.doubles(m, -1, 1).toArray();
            double[] expected = BruteForceNonNegative.minimize(h, g);
            double[] actual = NonNegativeQuadratic.minimize(flatten(h), g, m);
            for (double value : actual) {
                assertTrue(value >= 0, "feasible");
            }
            assertArrayEquals(expected, actual, 1e-8, "trial " + trial);
            withActiveBounds += countZeros(actual) > 0 && countZeros(actual) < m ? 1 : 0;
        }
        assertTrue(withActiveBounds > 100, "the trials exercise partly active bounds: " + withActiveBounds);
    }

    @Test
    void shouldReturnTheUnconstrainedOptimumWhenItIsPositive() {
        double[][] h = {{2, 0.5}, {0.5, 1}};
        double[] g = {3, 2};
        double determinant = 2 * 1 - 0.25;
        double[] expected = {(1 * 3 - 0.5 * 2) / determinant, (2 * 2 - 0.5 * 3) / determinant};
        assertArrayEquals(expected, NonNegativeQuadratic.minimize(flatten(h), g, 2), 1e-14);
    }

    @Test
    void shouldReturnZeroWhenEveryDirectionRaisesTheObjective() {
        assertArrayEquals(new double[3], NonNegativeQuadratic.minimize(flatten(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}),
                new double[] {-1, 0, -2}, 3), 0);
    }

    @Test
    void shouldRejectAMatrixThatIsNotPositiveDefinite() {
        assertThrows(ArithmeticException.class, () -> NonNegativeQuadratic.minimize(new double[] {-1, 0, 0, 1}, new double[] {1, 1}, 2));
    }

    @Test
    void shouldSplitWeightEvenlyBetweenIdenticalLayersUnderShrinkage() {
        // two identical layers: C is singular, and only the ridge term makes the split determinate
        double shrinkage = 0.01;
        double[] h = {1 + shrinkage, 1, 1, 1 + shrinkage};
        double[] g = {1 + shrinkage / 2, 1 + shrinkage / 2};
        double[] w = NonNegativeQuadratic.minimize(h, g, 2);
        assertEquals(w[0], w[1], 1e-12);
        assertEquals(1, w[0] + w[1], 1e-12);
    }

    private static double[][] randomPositiveDefinite(Random random, int m, boolean nearlyCollinear) {
        double[][] factor = new double[m + 2][m];
        for (double[] row : factor) {
            double shared = random.nextGaussian();
            for (int j = 0; j < m; j++) {
                row[j] = nearlyCollinear ? shared + 0.05 * random.nextGaussian() : random.nextGaussian();
            }
        }
        double[][] h = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                for (double[] row : factor) {
                    h[i][j] += row[i] * row[j];
                }
            }
            h[i][i] += 1e-3;
        }
        return h;
    }

    private static double[] flatten(double[][] matrix) {
        int m = matrix.length;
        double[] flat = new double[m * m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(matrix[i], 0, flat, i * m, m);
        }
        return flat;
    }

    private static int countZeros(double[] values) {
        int zeros = 0;
        for (double value : values) {
            zeros += value == 0 ? 1 : 0;
        }
        return zeros;
    }
}
