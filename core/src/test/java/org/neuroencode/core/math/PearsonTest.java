package org.neuroencode.core.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PearsonTest {

    @Test
    void shouldGiveOneForAnExactLinearRelationOnALargeOffset() {
        double[] a = {1e9 + 1, 1e9 + 2, 1e9 + 4, 1e9 + 8};
        double[] b = {3, 5, 9, 17};
        assertEquals(1.0, Pearson.pearson(a, b), 1e-12);
    }

    @Test
    void shouldMatchAHandComputedValue() {
        // centered a = (-1.5,-0.5,0.5,1.5), b = (-1,1,-1,1): Σab = 2, Σa² = 5, Σb² = 4
        assertEquals(2 / Math.sqrt(20), Pearson.pearson(new double[] {1, 2, 3, 4}, new double[] {0, 2, 0, 2}), 1e-15);
    }

    @Test
    void shouldBeNaNForAConstantSeries() {
        assertTrue(Double.isNaN(Pearson.pearson(new double[] {2, 2, 2}, new double[] {1, 2, 3})));
        assertTrue(Double.isNaN(Pearson.pearson(new double[] {1}, new double[] {1})));
    }

    @Test
    void shouldRejectNonFiniteInputAndUnequalLengths() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Pearson.pearson(new double[] {1, Double.NaN}, new double[] {1, 2}));
        assertTrue(nan.getMessage().contains("a[1] is NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pearson.pearson(new double[] {1, 2}, new double[] {1}));
    }

    @Test
    void shouldIgnoreNaNInMeanAndMedian() {
        double[] values = {3, Double.NaN, 1, 2, Double.NaN, 10};
        assertEquals(4.0, Pearson.meanIgnoringNaN(values), 0);
        assertEquals(2.5, Pearson.medianIgnoringNaN(values), 0);
        assertEquals(2.0, Pearson.medianIgnoringNaN(new double[] {3, 1, 2}), 0);
        assertTrue(Double.isNaN(Pearson.meanIgnoringNaN(new double[] {Double.NaN})));
        assertTrue(Double.isNaN(Pearson.medianIgnoringNaN(new double[0])));
    }
}
