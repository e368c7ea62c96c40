package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RidgeSettingsTest {

    @Test
    void shouldParseALogSpacedRangeIncludingBothEnds() {
        double[] alphas = RidgeSettings.parseAlphas("1e-2:1e5:10");
        assertEquals(10, alphas.length);
        assertEquals(1e-2, alphas[0], 0);
        assertEquals(1e5, alphas[9], 0);
        for (int i = 1; i < 10; i++) {
            assertEquals(Math.pow(10, 7.0 / 9), alphas[i] / alphas[i - 1], 1e-12);
        }
        assertArrayEquals(new double[] {3}, RidgeSettings.parseAlphas("3:3:1"));
    }

    @Test
    void shouldParseACommaListAndSortTheGrid() {
        assertArrayEquals(new double[] {0, 0.5, 10}, RidgeSettings.parse("10, 0.5,0").alphas());
    }

    @Test
    void shouldRejectMalformedGrids() {
        assertThrows(IllegalArgumentException.class, () -> RidgeSettings.parseAlphas("1:10"));
        assertThrows(IllegalArgumentException.class, () -> RidgeSettings.parseAlphas("0:10:5"));
        assertThrows(IllegalArgumentException.class, () -> RidgeSettings.parseAlphas("1:10:1"));
        assertThrows(IllegalArgumentException.class, () -> RidgeSettings.parseAlphas("a,b"));
        assertThrows(IllegalArgumentException.class, () -> RidgeSettings.withAlphas());
        assertThrows(IllegalArgumentException.class, () -> RidgeSettings.withAlphas(1, -1));
        assertThrows(IllegalArgumentException.class, () -> RidgeSettings.withAlphas(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> RidgeSettings.withAlphas(2, 2));
    }

    @Test
    void shouldDefaultToR2WithInterceptAndNoStandardization() {
        RidgeSettings settings = RidgeSettings.defaults();
        assertEquals(RidgeSettings.Criterion.R2, settings.criterion());
        assertEquals(true, settings.fitIntercept());
        assertEquals(false, settings.standardize());
        assertArrayEquals(RidgeSettings.parseAlphas(RidgeSettings.DEFAULT_ALPHAS), settings.alphas());
        assertArrayEquals(new double[] {0}, RidgeSettings.ols().alphas());
    }
}
