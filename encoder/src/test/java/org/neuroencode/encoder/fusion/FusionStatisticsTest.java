package org.neuroencode.encoder.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuroencode.encoder.fusion.FusionByHand.Sample;

class FusionStatisticsTest {

    private static final List<List<Sample>> FOLDS = FusionByHand.folds(9, new int[] {7, 5}, 3, new double[] {1, 0.5, 2}, new double[] {1, 1, 1});

    @Test
    void shouldHoldTheTwoPassCoMomentsOfEachVoxel() {
        FusionStatistics stats = FusionByHand.statistics(FOLDS)[0];
        List<Sample> samples = FOLDS.get(0);
        int voxel = 1;
        double[] mean = new double[3];
        double meanObserved = 0;
        for (Sample sample : samples) {
            for (int l = 0; l < 3; l++) {
                mean[l] += sample.perLayer()[l][voxel] / samples.size();
            }
            meanObserved += sample.observed()[voxel] / samples.size();
        }
        for (int l = 0; l < 3; l++) {
            double cross = 0;
            double prediction = 0;
            for (Sample sample : samples) {
                cross += (sample.perLayer()[l][voxel] - mean[l]) * (sample.observed()[voxel] - meanObserved);
                prediction += (sample.perLayer()[l][voxel] - mean[l]) * (sample.perLayer()[2][voxel] - mean[2]);
            }
            assertEquals(cross, stats.voxel(voxel).cxy(l, 0), 1e-10);
            assertEquals(prediction, stats.voxel(voxel).cxx(l, 2), 1e-10);
        }
        assertArrayEquals(mean, stats.voxel(voxel).meanX(), 1e-12);
        assertEquals(7, stats.n());
    }

    @Test
    void shouldMergeAndRemoveExactly() {
        FusionStatistics[] folds = FusionByHand.statistics(FOLDS);
        FusionStatistics union = FusionByHand.statistics(List.of(FusionByHand.union(FOLDS)))[0];
        FusionStatistics merged = folds[0].plus(folds[1]);
        assertArrayEquals(union.voxel(2).cxx(), merged.voxel(2).cxx(), 1e-10);
        assertArrayEquals(union.voxel(2).cxy(), merged.voxel(2).cxy(), 1e-10);

        Sample last = FOLDS.get(1).get(4);
        merged.remove(last.perLayer(), last.observed());
        FusionStatistics withoutLast = FusionByHand.statistics(List.of(FusionByHand.union(FOLDS).subList(0, 11)))[0];
        assertEquals(11, merged.n());
        assertArrayEquals(withoutLast.voxel(0).cxx(), merged.voxel(0).cxx(), 1e-10);
        assertArrayEquals(withoutLast.voxel(0).meanY(), merged.voxel(0).meanY(), 1e-12);
    }

    @Test
    void shouldRoundTripThroughBytes() {
        FusionStatistics stats = FusionByHand.statistics(FOLDS)[1];
        byte[] bytes = stats.toBytes();
        assertEquals(FusionStatistics.sizeBytes(3, 3), bytes.length);
        assertEquals(3, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(12), "v at byte 12");
        FusionStatistics decoded = FusionStatistics.fromBytes(bytes);
        assertArrayEquals(bytes, decoded.toBytes());
        assertEquals(5, decoded.n());

        assertThrows(IllegalArgumentException.class, () -> FusionStatistics.fromBytes(Arrays.copyOf(bytes, bytes.length - 1)));
        byte[] wrongCount = bytes.clone();
        ByteBuffer.wrap(wrongCount).order(ByteOrder.LITTLE_ENDIAN).putLong(16, 6);
        assertThrows(IllegalArgumentException.class, () -> FusionStatistics.fromBytes(wrongCount));
    }

    @Test
    void shouldRejectNonFiniteOrMisshapedSamplesWithoutAddingThem() {
        FusionStatistics stats = new FusionStatistics(2, 3);
        assertThrows(IllegalArgumentException.class, () -> stats.add(new double[][] {{1, 2, 3}, {1, Double.NaN, 3}}, new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> stats.add(new double[][] {{1, 2, 3}, {1, 2, 3}}, new double[] {1, Double.POSITIVE_INFINITY, 3}));
        assertThrows(IllegalArgumentException.class, () -> stats.add(new double[][] {{1, 2, 3}}, new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> stats.add(new double[][] {{1, 2}, {1, 2}}, new double[] {1, 2, 3}));
        assertEquals(0, stats.n());
        assertThrows(IllegalStateException.class, () -> stats.remove(new double[][] {{1, 2, 3}, {1, 2, 3}}, new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> new FusionStatistics(0, 3));
    }
}
