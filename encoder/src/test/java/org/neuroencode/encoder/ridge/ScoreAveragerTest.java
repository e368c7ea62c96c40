package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScoreAveragerTest {

    @Test
    void shouldAverageFoldsAsScoreByScoreInAnyVoxelRangesLeavingNaNOut() {
        double[][] folds = {{0.5, Double.NaN, -1, 0.25, 0.1, Double.NaN}, {0.3, Double.NaN, 2, Double.NaN, 0.2, 0.7}};
        ScoreAverager byFold = new ScoreAverager(2, 3);
        ScoreAverager byScore = new ScoreAverager(2, 3);
        ScoreAverager byRange = new ScoreAverager(2, 3);
        byRange.addFolds(folds, 0, 1);
        byRange.addFolds(folds, 1, 2);
        for (double[] fold : folds) {
            byFold.addFolds(new double[][] {fold}, 0, 3);
            for (int a = 0; a < 2; a++) {
                for (int j = 0; j < 3; j++) {
                    byScore.add(a, j, fold[a * 3 + j]);
                }
            }
        }
        assertArrayEquals(byScore.means(), byFold.means());
        assertArrayEquals(byScore.means(), byRange.means(), "voxel ranges averaged apart");
        assertEquals(0.4, byFold.mean(0, 0), 1e-15);
        assertEquals(Double.NaN, byFold.mean(0, 1), "no finite fold");
        assertEquals(0.25, byFold.mean(1, 0), 1e-15, "one finite fold");
        assertArrayEquals(byScore.best(), byFold.best());
        assertThrows(IllegalArgumentException.class, () -> byFold.addFolds(new double[][] {new double[5]}, 0, 3));
    }
}
