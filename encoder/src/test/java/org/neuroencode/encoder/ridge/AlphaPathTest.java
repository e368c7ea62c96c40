package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link AlphaPath} from squared errors alone, on a fold small enough to score by hand. */
class AlphaPathTest {

    @Test
    void shouldScoreRSquaredFromSquaredErrorsAndRefusePearson() {
        // four samples of one feature and two voxels, the second constant; voxel 0 is 1, 2, 3, 6: Σ(y − ȳ)² = 14
        double[] x = {1, 2, 3, 4};
        double[] y = {1, 5, 2, 5, 3, 5, 6, 5};
        SufficientStats fold = SufficientStats.momentsOfRows(x, y, 1, 2, 0, 4);
        double[] sse = {7, 1, 14, 0, 21, 2};
        AlphaPath path = AlphaPath.ofSquaredErrors(fold, 0, 2, sse);

        assertEquals(3, path.alphas());
        assertEquals(0.5, path.score(RidgeSettings.Criterion.R2, 0, 0), 1e-15);
        assertEquals(0.0, path.score(RidgeSettings.Criterion.R2, 1, 0), 1e-15);
        assertEquals(-0.5, path.score(RidgeSettings.Criterion.R2, 2, 0), 1e-15);
        assertTrue(Double.isNaN(path.score(RidgeSettings.Criterion.R2, 0, 1)), "a constant voxel scores NaN");
        assertThrows(IllegalStateException.class, () -> path.score(RidgeSettings.Criterion.PEARSON, 0, 0));
        assertThrows(IllegalStateException.class, () -> path.writeMoments(new int[] {0, 0}, null));
    }
}
