package org.neuroencode.extractor.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AreaResamplerTest {

    @Test
    void shouldAverageBlocksWhenShrinkingByAnIntegerFactor() {
        float[] image = {
                1, 3, 0, 0,
                5, 7, 0, 4,
                2, 2, 9, 9,
                2, 2, 9, 9};
        float[] half = new AreaResampler(4, 4, 2, 2).apply(image);
        assertArrayEquals(new float[] {4, 1, 2, 9}, half, 1e-6f);
    }

    @Test
    void shouldPreserveTheMeanAtFractionalFactors() {
        float[] image = new float[7 * 5];
        Random random = new Random(1);
        for (int i = 0; i < image.length; i++) {
            image[i] = random.nextFloat();
        }
        float[] small = new AreaResampler(7, 5, 3, 2).apply(image);
        assertEquals(mean(image), mean(small), 1e-6);
    }

    @Test
    void shouldKeepAUniformImageUniformWhenEnlarging() {
        float[] image = {0.25f, 0.25f, 0.25f, 0.25f};
        float[] large = new AreaResampler(2, 2, 5, 3).apply(image);
        for (float value : large) {
            assertEquals(0.25f, value, 1e-6f);
        }
    }

    @Test
    void shouldRejectAnImageOfTheWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> new AreaResampler(4, 4, 2, 2).apply(new float[15]));
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
