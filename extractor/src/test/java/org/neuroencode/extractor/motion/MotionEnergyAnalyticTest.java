package org.neuroencode.extractor.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuroencode.extractor.video.GrayVideo;
import org.neuroencode.extractor.video.TestClips;

/**
 * Motion energy against what the maths of a quadrature spatio-temporal Gabor pair predicts for a grating
 * {@code 0.5 + A cos(2 pi (k u - w t) + phase)}, u the position along direction theta:
 * <ul>
 *   <li>a filter pair tuned to (theta, k, w) sees the grating as the complex signal (A / 2) e^(i phase'),
 *       so its energy is (A / 2)^2 = A^2 / 4 whatever the phase (both envelopes sum to 1), and no other
 *       channel at that position beats it;</li>
 *   <li>the pair for the opposite direction sees the grating at -w, which its temporal envelope suppresses;</li>
 *   <li>a still image has no temporal frequency, so a temporal filter with a non-zero frequency (a cosine
 *       without its mean, or an odd sine) sums it to zero: moving channels give exactly nothing.</li>
 * </ul>
 * Every channel of the pyramid is probed, at each of its scales, directions and temporal frequencies.
 */
class MotionEnergyAnalyticTest {

    private static final int SIZE = 32;
    private static final double FPS = 30;
    private static final int FRAMES = 40;
    private static final double AMPLITUDE = 0.4;
    private static final double MATCHED_ENERGY = AMPLITUDE * AMPLITUDE / 4;

    /** One centred position per scale, so every channel competes for the same patch; energies uncompressed. */
    private static final MotionEnergy CENTRED = new MotionEnergy(MotionEnergyConfig.defaults()
            .withSpatialScales(List.of(new SpatialScale(2, 1), new SpatialScale(4, 1), new SpatialScale(8, 1)))
            .withTemporalFrequencies(List.of(0.0, 2.0, 4.0))
            .withCompression(Compression.NONE, 1));

    static Stream<Arguments> everyChannel() {
        return CENTRED.channels().stream().map(channel -> Arguments.of(channel.angleDegrees(),
                channel.cyclesPerImage(), channel.temporalFrequencyHz()));
    }

    @ParameterizedTest(name = "direction {0}, {1} cycles/image, {2} Hz")
    @MethodSource("everyChannel")
    void shouldDriveTheMatchingChannelMostWithTheAnalyticEnergy(double direction, double cycles, double hz) {
        MotionChannel matching = new MotionChannel(cycles, 0, 0, hz, direction);
        double[] energy = CENTRED.features(TestClips.grating(SIZE, FRAMES, FPS, direction, cycles, hz, 0.3, AMPLITUDE));

        assertEquals(matching, ChannelSearch.strongest(CENTRED, energy));
        double matched = energy[CENTRED.channels().indexOf(matching)];
        // within 2%: the envelopes are sampled on a 32-pixel grid and cut at 4 (space) and 2 (time) sigma
        assertEquals(MATCHED_ENERGY, matched, 0.02 * MATCHED_ENERGY, "energy of the matching channel");
        if (hz > 0) {
            MotionChannel opposite = new MotionChannel(cycles, 0, 0, hz, (direction + 180) % 360);
            double against = energy[CENTRED.channels().indexOf(opposite)];
            assertTrue(against < 0.01 * matched, "the opposite direction gives " + against + " against " + matched);
        }
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(doubles = {0, 2, 4})
    void shouldGiveTheSameEnergyAtEveryPhaseOfTheGratingAndEveryFrame(double hz) {
        double direction = hz == 0 ? 45 : 135;
        double[] reference = CENTRED.features(TestClips.grating(SIZE, FRAMES, FPS, direction, 4, hz, 0, AMPLITUDE));
        int matching = CENTRED.channels().indexOf(new MotionChannel(4, 0, 0, hz, direction));
        for (double phase = 0.5; phase < 2 * Math.PI; phase += 0.7) {
            GrayVideo shifted = TestClips.grating(SIZE, FRAMES, FPS, direction, 4, hz, phase, AMPLITUDE);
            double[] energy = CENTRED.features(shifted);
            for (int k = 0; k < energy.length; k++) {
                // a channel far off the grating's frequency also hears its mirror image (-k, -w), and the two
                // beat with the phase; only channels that respond in earnest are phase-free
                if (reference[k] > 0.05 * reference[matching]) {
                    assertEquals(reference[k], energy[k], 0.01 * reference[k],
                            CENTRED.channels().get(k).name() + " at phase " + phase);
                }
            }
            for (double[] frame : CENTRED.frameEnergies(shifted)) {
                assertEquals(reference[matching], frame[matching], 0.01 * reference[matching],
                        "one frame's energy at phase " + phase);
            }
        }
    }

    @ParameterizedTest(name = "{0} fps")
    @ValueSource(doubles = {15, 24, 25, 29.97, 60})
    void shouldGiveNothingInAnyMovingChannelForAStillImage(double fps) {
        MotionEnergy model = new MotionEnergy(CENTRED.config().withTemporalFrequencies(List.of(0.0, 1.5, 3.3, 7.0)));
        float[] texture = new float[SIZE * SIZE];
        Random random = new Random(11);
        for (int i = 0; i < texture.length; i++) {
            texture[i] = random.nextFloat();
        }
        GrayVideo stillGrating = TestClips.grating(SIZE, 1, fps, 90, 4, 0, 1.1, AMPLITUDE);
        for (float[] image : List.of(texture, stillGrating.frame(0))) {
            double[][] perFrame = model.frameEnergies(TestClips.still(image, SIZE, 2 * model.minimumFrames(fps), fps));
            double strongestStatic = IntStream.range(0, model.dimension()).filter(k -> model.channels().get(k).isStatic())
                    .mapToDouble(k -> perFrame[0][k]).max().orElseThrow();
            assertTrue(strongestStatic > 1e-3 * MATCHED_ENERGY, "a still image drives static channels: " + strongestStatic);
            for (double[] frame : perFrame) {
                for (int k = 0; k < frame.length; k++) {
                    if (!model.channels().get(k).isStatic()) {
                        assertTrue(frame[k] <= 1e-12 * strongestStatic,
                                model.channels().get(k).name() + " gives " + frame[k] + " to a still image");
                    }
                }
            }
        }
    }

    @Test
    void shouldScaleTheEnergyWithTheSquareOfTheContrast() {
        MotionChannel matching = new MotionChannel(4, 0, 0, 2, 90);
        int k = CENTRED.channels().indexOf(matching);
        double full = CENTRED.features(TestClips.grating(SIZE, FRAMES, FPS, 90, 4, 2, 0, 0.5))[k];
        double tenth = CENTRED.features(TestClips.grating(SIZE, FRAMES, FPS, 90, 4, 2, 0, 0.05))[k];
        assertEquals(100, full / tenth, 1e-3);
    }
}
