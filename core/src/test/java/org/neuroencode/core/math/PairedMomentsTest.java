package org.neuroencode.core.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PairedMomentsTest {

    private static final int VOXELS = 4;

    @Test
    void shouldMatchLongWayPearsonAndR2() {
        double[][][] pairs = randomPairs(new Random(1), 50, 1e6);
        PairedMoments moments = addAll(new PairedMoments(VOXELS), pairs, 0, 50);
        double[] r = moments.pearson();
        double[] r2 = moments.r2();
        for (int v = 0; v < VOXELS; v++) {
            double[] predicted = column(pairs, 0, v);
            double[] observed = column(pairs, 1, v);
            assertEquals(Pearson.pearson(predicted, observed), r[v], 1e-9);
            double expectedR2 = longWayR2(predicted, observed);
            assertEquals(expectedR2, r2[v], 1e-9 * Math.max(1, Math.abs(expectedR2)));
        }
    }

    @Test
    void shouldMergeToTheSameMomentsAsSequentialAdds() {
        double[][][] pairs = randomPairs(new Random(2), 40, 100);
        PairedMoments all = addAll(new PairedMoments(VOXELS), pairs, 0, 40);
        PairedMoments merged = addAll(new PairedMoments(VOXELS), pairs, 0, 13)
                .merge(addAll(new PairedMoments(VOXELS), pairs, 13, 40))
                .merge(new PairedMoments(VOXELS));
        assertArraysClose(all.toMatrix(), merged.toMatrix(), 1e-10);
        PairedMoments intoEmpty = new PairedMoments(VOXELS).merge(all);
        assertArrayEquals(all.toMatrix(), intoEmpty.toMatrix());
    }

    @Test
    void shouldWriteTheSixRowWireLayoutInOrder() {
        PairedMoments moments = new PairedMoments(2).add(new double[] {1, 10}, new double[] {2, 20}).add(new double[] {3, 30}, new double[] {6, 60});
        // pred (1,3): mean 2, cPP 2; obs (2,6): mean 4, cOO 8; cPO 4
        double[] expected = {2, 2, 2, 20, 4, 40, 2, 200, 8, 800, 4, 400};
        assertArrayEquals(expected, moments.toMatrix(), 1e-12);
        PairedMoments read = PairedMoments.fromMatrix(expected);
        assertArrayEquals(expected, read.toMatrix());
        assertEquals(2, read.count(1));
    }

    @Test
    void shouldBuildFromGivenMomentsWithOneCount() {
        PairedMoments moments = PairedMoments.of(7, new double[] {1}, new double[] {2}, new double[] {3}, new double[] {4}, new double[] {5});
        assertArrayEquals(new double[] {7, 1, 2, 3, 4, 5}, moments.toMatrix());
    }

    @Test
    void shouldGiveNaNPearsonWhereAVarianceIsZero() {
        PairedMoments moments = new PairedMoments(2).add(new double[] {1, 1}, new double[] {5, 1}).add(new double[] {2, 2}, new double[] {5, 2});
        double[] r = moments.pearson();
        assertTrue(Double.isNaN(r[0]));
        assertEquals(1.0, r[1], 1e-15);
        assertTrue(Double.isNaN(new PairedMoments(1).pearson()[0]));
        assertTrue(Double.isNaN(moments.r2()[0]));
    }

    @Test
    void shouldRejectNonFiniteAndMalformedInput() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new PairedMoments(2).add(new double[] {1, 2}, new double[] {Double.POSITIVE_INFINITY, 0}));
        assertTrue(nan.getMessage().contains("observed[0] is Infinity"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PairedMoments.fromMatrix(new double[7]));
        assertThrows(IllegalArgumentException.class, () -> PairedMoments.fromMatrix(new double[] {1.5, 0, 0, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> PairedMoments.fromMatrix(new double[] {1, 0, 0, -1, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new PairedMoments(2).merge(new PairedMoments(3)));
    }

    private static double[][][] randomPairs(Random random, int n, double offset) {
        double[][][] pairs = new double[n][2][VOXELS];
        for (int i = 0; i < n; i++) {
            for (int v = 0; v < VOXELS; v++) {
                double signal = random.nextGaussian();
                pairs[i][0][v] = offset + signal;
                pairs[i][1][v] = -offset + (v + 1) * signal + random.nextGaussian();
            }
        }
        return pairs;
    }

    private static PairedMoments addAll(PairedMoments moments, double[][][] pairs, int from, int to) {
        for (int i = from; i < to; i++) {
            moments.add(pairs[i][0], pairs[i][1]);
        }
        return moments;
    }

    private static double[] column(double[][][] pairs, int which, int voxel) {
        double[] values = new double[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            values[i] = pairs[i][which][voxel];
        }
        return values;
    }

    private static double longWayR2(double[] predicted, double[] observed) {
        double mean = 0;
        for (double value : observed) {
            mean += value / observed.length;
        }
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < observed.length; i++) {
            sse += (observed[i] - predicted[i]) * (observed[i] - predicted[i]);
            sst += (observed[i] - mean) * (observed[i] - mean);
        }
        return 1 - sse / sst;
    }

    private static void assertArraysClose(double[] expected, double[] actual, double relative) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relative * Math.max(1, Math.abs(expected[i])), "element " + i);
        }
    }
}
