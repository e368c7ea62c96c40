package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The single-precision kernels that the mixed-precision validation and refit are built from, on both backends and on
 * views (an offset and a stride), against the same arithmetic written out element by element.
 */
class SingleKernelsTest {

    private static LinearAlgebra[] backends() {
        assumeTrue(OpenBlasLinearAlgebra.isAvailable(), "no OpenBLAS natives for this platform");
        return new LinearAlgebra[] {new PlainJavaLinearAlgebra(), new OpenBlasLinearAlgebra()};
    }

    /** A rows×cols matrix of the backend holding row-major {@code values}. */
    private static SingleMatrix filled(LinearAlgebra backend, float[] values, int rows, int cols) {
        SingleMatrix matrix = backend.allocateSingle(rows, cols);
        for (int i = 0; i < rows; i++) {
            matrix.writeRow(i, 0, values, i * cols, cols);
        }
        return matrix;
    }

    private static float[] gaussian(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    @Test
    void shouldTransposeAViewIntoAView() {
        float[] values = gaussian(new Random(1), 6 * 8);
        for (LinearAlgebra backend : backends()) {
            try (SingleMatrix source = filled(backend, values, 6, 8); SingleMatrix target = backend.allocateSingle(9, 10)) {
                // rows 1..4 and columns 2..6 of the source, transposed into rows 3..7 and columns 1..4 of the target
                backend.transposeInto(source.view(1, 4, 2, 5), target.view(3, 5, 1, 4));
                for (int i = 0; i < 5; i++) {
                    for (int j = 0; j < 4; j++) {
                        assertEquals(values[(1 + j) * 8 + 2 + i], target.get(3 + i, 1 + j), backend.name() + " transposed " + i + "," + j);
                    }
                }
                assertEquals(0, target.get(2, 1), backend.name() + " above the region");
                assertEquals(0, target.get(3, 5), backend.name() + " right of the region");
                assertThrows(IllegalArgumentException.class, () -> backend.transposeInto(source.view(0, 4, 0, 5), target.view(0, 4, 0, 5)),
                        backend.name() + " a target of the source's shape");
            }
        }
    }

    @Test
    void shouldAddAScaledRankOneUpdateToAView() {
        Random random = new Random(2);
        float[] c = gaussian(random, 7 * 5);
        float[] x = gaussian(random, 4);
        float[] y = gaussian(random, 3);
        for (LinearAlgebra backend : backends()) {
            try (SingleMatrix target = filled(backend, c, 7, 5)) {
                // rows 2..5, columns 1..3
                backend.rankOneUpdate(-0.5f, x, y, target.view(2, 4, 1, 3));
                for (int i = 0; i < 7; i++) {
                    for (int j = 0; j < 5; j++) {
                        boolean inside = i >= 2 && i < 6 && j >= 1 && j < 4;
                        double expected = c[i * 5 + j] - (inside ? 0.5 * x[i - 2] * y[j - 1] : 0);
                        assertEquals(expected, target.get(i, j), 1e-6, backend.name() + " element " + i + "," + j);
                    }
                }
                assertThrows(IllegalArgumentException.class, () -> backend.rankOneUpdate(1f, y, x, target.view(2, 4, 1, 3)),
                        backend.name() + " swapped vectors");
            }
        }
    }

    @Test
    void shouldSumTheSquaredDistancesOfEachSegmentFromTheReferenceInDouble() {
        // values 1 + 2⁻¹² apart from a reference at 1e3: in float the differences and a sum of 41 squares would lose
        // what double keeps
        int rows = 3;
        int segment = 41;
        int cols = 3 * segment + 2;
        Random random = new Random(3);
        float[] reference = new float[rows * segment];
        float[] values = new float[rows * cols];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = 1000 + random.nextInt(8);
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = 1000 + (1 + 0x1p-12f) * (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(4));
        }
        for (LinearAlgebra backend : backends()) {
            try (SingleMatrix near = filled(backend, reference, rows, segment); SingleMatrix matrix = filled(backend, values, rows, cols)) {
                // columns 1..123 of rows 1..2 against rows 1..2 of the reference: two rows of three segments
                double[] sums = new double[2 * 3];
                backend.segmentDistances(near.view(1, 2, 0, segment), matrix.view(1, 2, 1, 3 * segment), sums);
                for (int r = 0; r < 2; r++) {
                    for (int s = 0; s < 3; s++) {
                        double expected = 0;
                        for (int e = 0; e < segment; e++) {
                            double difference = (double) reference[(1 + r) * segment + e] - values[(1 + r) * cols + 1 + s * segment + e];
                            expected += difference * difference;
                        }
                        assertEquals(expected, sums[s * 2 + r], 1e-12 * expected, backend.name() + " row " + r + ", segment " + s);
                    }
                }
                assertThrows(IllegalArgumentException.class, () -> backend.segmentDistances(near.view(0, 2, 0, segment),
                        matrix.view(0, 2, 0, 3 * segment + 1), sums), backend.name() + " columns that are not whole segments");
                assertThrows(IllegalArgumentException.class, () -> backend.segmentDistances(near.view(0, 3, 0, segment),
                        matrix.view(0, 2, 0, 3 * segment), sums), backend.name() + " rows that do not match");
                assertThrows(IllegalArgumentException.class, () -> backend.segmentDistances(near, matrix.view(0, 3, 0, 3 * segment), new double[8]),
                        backend.name() + " a target too short");
            }
        }
    }

    @Test
    void shouldScaleEachRowByItsOwnFactorsAndWidenIntoAStridedTarget() {
        Random random = new Random(4);
        float[] values = gaussian(random, 5 * 6);
        float[][] factors = {gaussian(random, 4), gaussian(random, 4), gaussian(random, 4)};
        int[] choice = {9, 2, 0, 1, 2, 0};
        for (LinearAlgebra backend : backends()) {
            try (SingleMatrix matrix = filled(backend, values, 5, 6)) {
                // rows 1..3, columns 2..5; row r takes factors[choice[2 + r]]
                backend.scaleRows(matrix.view(1, 3, 2, 4), factors, choice, 2);
                double[] target = new double[40];
                java.util.Arrays.fill(target, -7);
                // the whole matrix into target[3 + i·7 + j]
                backend.widenInto(matrix, target, 3, 7);
                for (int i = 0; i < 5; i++) {
                    for (int j = 0; j < 6; j++) {
                        float expected = values[i * 6 + j];
                        if (i >= 1 && i <= 3 && j >= 2) {
                            expected *= factors[choice[2 + i - 1]][j - 2];
                        }
                        assertEquals(expected, target[3 + i * 7 + j], 0, backend.name() + " element " + i + "," + j);
                    }
                }
                assertEquals(-7, target[3 + 6], 0, backend.name() + " the gap after a row");
                assertEquals(-7, target[2], 0, backend.name() + " before the offset");
            }
        }
    }
}
