package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroencode.encoder.ridge.TestProblems.assertClose;

import org.junit.jupiter.api.Test;

class SufficientStatsTest {

    private static final TestProblems.Problem DATA = TestProblems.linear(31, 40, 4, 3, 1e6);

    @Test
    void shouldMatchTwoPassCenteredMomentsOnLargeOffsets() {
        SufficientStats stats = addRows(0, 40);
        double[][] x = DATA.x();
        double[][] y = DATA.y();
        double[] meanX = TestProblems.columnMeans(x);
        double[] meanY = TestProblems.columnMeans(y);
        double[] cxx = new double[16];
        double[] cxy = new double[12];
        double[] cyy = new double[3];
        for (double[][] row : zip(x, y)) {
            for (int i = 0; i < 4; i++) {
                for (int k = 0; k < 4; k++) {
                    cxx[i * 4 + k] += (row[0][i] - meanX[i]) * (row[0][k] - meanX[k]);
                }
                for (int j = 0; j < 3; j++) {
                    cxy[i * 3 + j] += (row[0][i] - meanX[i]) * (row[1][j] - meanY[j]);
                }
            }
            for (int j = 0; j < 3; j++) {
                cyy[j] += (row[1][j] - meanY[j]) * (row[1][j] - meanY[j]);
            }
        }
        assertEquals(40, stats.n());
        assertClose(meanX, stats.meanX(), 1e-15, "meanX");
        assertClose(meanY, stats.meanY(), 1e-14, "meanY");
        assertClose(cxx, stats.cxx(), 1e-9, "Cxx");
        assertClose(cxy, stats.cxy(), 1e-9, "Cxy");
        assertClose(cyy, stats.cyy(), 1e-12, "Cyy");
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 4; k++) {
                assertEquals(stats.cxx(i, k), stats.cxx(k, i), 0, "Cxx stays exactly symmetric");
            }
        }
    }

    @Test
    void shouldUndoAnAddWithRemove() {
        SufficientStats stats = addRows(0, 20);
        SufficientStats before = stats.copy();
        double[] x = DATA.x()[30];
        double[] y = DATA.y()[30];
        stats.add(x, y);
        stats.remove(x, y);
        assertStatsClose(before, stats, 1e-9);

        SufficientStats single = addRows(0, 1);
        single.remove(DATA.x()[0], DATA.y()[0]);
        assertEquals(0, single.n());
        assertArrayEquals(new double[4], single.meanX());
        assertThrows(IllegalStateException.class, () -> single.remove(DATA.x()[0], DATA.y()[0]));
    }

    @Test
    void shouldReplaceAStimulusMeanWhenALateRepetitionArrives() {
        double[] oldMean = DATA.y()[5].clone();
        double[] newMean = oldMean.clone();
        newMean[1] += 3;
        SufficientStats updated = addRows(0, 10);
        updated.remove(DATA.x()[5], oldMean);
        updated.add(DATA.x()[5], newMean);

        SufficientStats direct = new SufficientStats(4, 3);
        for (int r = 0; r < 10; r++) {
            direct.add(DATA.x()[r], r == 5 ? newMean : DATA.y()[r]);
        }
        assertStatsClose(direct, updated, 1e-9);
    }

    @Test
    void shouldMergeAndSubtractLikeSequentialAdds() {
        SufficientStats all = addRows(0, 40);
        SufficientStats first = addRows(0, 15);
        SufficientStats second = addRows(15, 40);
        assertStatsClose(all, first.plus(second), 1e-9);
        assertStatsClose(all, second.plus(first), 1e-9);
        assertStatsClose(second, all.minus(first), 1e-8);
        assertStatsClose(first, all.minus(second), 1e-8);
        assertEquals(0, all.minus(all).n());
        assertStatsClose(all, all.plus(new SufficientStats(4, 3)), 0);
        assertThrows(IllegalArgumentException.class, () -> first.minus(all));
        assertThrows(IllegalArgumentException.class, () -> all.plus(new SufficientStats(4, 2)));
    }

    @Test
    void shouldRoundTripThroughLittleEndianBytesOfTheAdvertisedSize() {
        SufficientStats stats = addRows(0, 13);
        byte[] bytes = stats.toBytes();
        assertEquals(SufficientStats.sizeBytes(4, 3), bytes.length);
        assertEquals(24 + 8 * (4 + 3 + 10 + 12 + 3), bytes.length);
        assertEquals('N', bytes[0]);
        assertEquals(13, bytes[16], "n is a little-endian long after the 16-byte header prefix");
        assertStatsClose(stats, SufficientStats.fromBytes(bytes), 0);
        bytes[4] = 9;
        assertThrows(IllegalArgumentException.class, () -> SufficientStats.fromBytes(bytes));
        assertThrows(IllegalArgumentException.class, () -> SufficientStats.fromBytes(new byte[3]));
    }

    @Test
    void shouldRejectNonFiniteSamplesNamingTheElement() {
        SufficientStats stats = new SufficientStats(3, 2);
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> stats.add(new double[] {1, 2, Double.NaN}, new double[] {1, 2}));
        assertTrue(nan.getMessage().contains("x[2] is NaN"), nan.getMessage());
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> stats.add(new double[] {1, 2, 3}, new double[] {Double.NEGATIVE_INFINITY, 2}));
        assertTrue(inf.getMessage().contains("y[0] is -Infinity"), inf.getMessage());
        assertThrows(IllegalArgumentException.class, () -> stats.add(new double[] {1, 2}, new double[] {1, 2}));
        assertEquals(0, stats.n(), "a rejected sample leaves no trace");
    }

    static void assertStatsClose(SufficientStats expected, SufficientStats actual, double tolerance) {
        assertEquals(expected.n(), actual.n());
        assertClose(expected.meanX(), actual.meanX(), tolerance, "meanX");
        assertClose(expected.meanY(), actual.meanY(), tolerance, "meanY");
        assertClose(expected.cxx(), actual.cxx(), tolerance, "Cxx");
        assertClose(expected.cxy(), actual.cxy(), tolerance, "Cxy");
        assertClose(expected.cyy(), actual.cyy(), tolerance, "Cyy");
    }

    private static SufficientStats addRows(int from, int to) {
        SufficientStats stats = new SufficientStats(4, 3);
        for (int r = from; r < to; r++) {
            stats.add(DATA.x()[r], DATA.y()[r]);
        }
        return stats;
    }

    private static double[][][] zip(double[][] x, double[][] y) {
        double[][][] rows = new double[x.length][][];
        for (int r = 0; r < x.length; r++) {
            rows[r] = new double[][] {x[r], y[r]};
        }
        return rows;
    }
}
