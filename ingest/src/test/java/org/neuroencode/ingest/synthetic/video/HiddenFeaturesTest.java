package org.neuroencode.ingest.synthetic.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HiddenFeaturesTest {

    private static final SyntheticVideoConfig CONFIG = SyntheticVideoConfig.defaults();
    private static final List<String> NAMES = HiddenFeatures.names(4);

    @Test
    void shouldPutContrastAndDirectionInTheCellTheBlobCrosses() {
        // a bright blob drifting upward through the top-left cell
        MovingBlob blob = new MovingBlob(0.125, 0.2, 0.03, Math.PI / 2, 0.05, 0.3);
        double[] hidden = HiddenFeatures.compute(new SceneParameters(0.5, Optional.empty(), List.of(blob)), CONFIG);

        double topLeft = hidden[NAMES.indexOf("hidden_r0c0_contrast")];
        for (int i = 0; i < NAMES.size(); i++) {
            if (NAMES.get(i).endsWith("_contrast") && !NAMES.get(i).startsWith("hidden_r0c0")) {
                assertTrue(hidden[i] < topLeft / 5, NAMES.get(i));
            }
        }
        assertEquals(0, hidden[NAMES.indexOf("hidden_r0c0_direction_cos")], 1e-9);
        assertEquals(topLeft, hidden[NAMES.indexOf("hidden_r0c0_direction_sin")], 1e-9);
        assertTrue(hidden[NAMES.indexOf("hidden_r0c0_slow_motion")] > hidden[NAMES.indexOf("hidden_r0c0_fast_motion")]);
        assertTrue(hidden[NAMES.indexOf("hidden_r0c0_luminance")] > hidden[NAMES.indexOf("hidden_r3c3_luminance")]);
        assertEquals(0.5, hidden[NAMES.indexOf("hidden_r3c3_luminance")], 1e-6);
    }

    @Test
    void shouldSaturateWithContrast() {
        double weak = contrastFor(0.1);
        double strong = contrastFor(0.2);
        double stronger = contrastFor(0.4);
        assertTrue(strong > weak && stronger > strong);
        assertTrue(stronger - strong < strong - weak, "diminishing returns");
    }

    @Test
    void shouldAddNoMeanLuminanceForAGrating() {
        GratingPatch grating = new GratingPatch(0.5, 0.5, 0.2, 0, 4, 2, 0.3, 0);
        double[] hidden = HiddenFeatures.compute(new SceneParameters(0.4, Optional.of(grating), List.of()), CONFIG);
        for (int i = 0; i < NAMES.size(); i++) {
            if (NAMES.get(i).endsWith("_luminance")) {
                assertEquals(0.4, hidden[i], 1e-12);
            }
        }
    }

    private static double contrastFor(double amplitude) {
        GratingPatch grating = new GratingPatch(0.5, 0.5, 0.2, 0, 4, 2, amplitude, 0);
        double[] hidden = HiddenFeatures.compute(new SceneParameters(0.5, Optional.of(grating), List.of()), CONFIG);
        return hidden[NAMES.indexOf("hidden_r1c1_contrast")];
    }
}
