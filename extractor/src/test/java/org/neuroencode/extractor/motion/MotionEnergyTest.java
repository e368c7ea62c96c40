package org.neuroencode.extractor.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuroencode.extractor.video.GrayVideo;
import org.neuroencode.extractor.video.TestClips;

class MotionEnergyTest {

    /** One centred position per scale, so that every channel competes for the same patch of image. */
    private static final MotionEnergy CENTRED = new MotionEnergy(MotionEnergyConfig.defaults()
            .withSpatialScales(List.of(new SpatialScale(2, 1), new SpatialScale(4, 1), new SpatialScale(8, 1)))
            .withTemporalFrequencies(List.of(0.0, 2.0, 4.0))
            .withCompression(Compression.NONE, 1));
    private static final MotionEnergy DEFAULT = new MotionEnergy();

    @Test
    void shouldHaveTheDocumentedDefaultDimension() {
        assertEquals(168, DEFAULT.dimension());
        assertEquals(168, DEFAULT.channelNames().size());
        assertEquals(168, new HashSet<>(DEFAULT.channelNames()).size(), "names are unique");
        assertEquals(7, DEFAULT.minimumFrames(15));
    }

    @ParameterizedTest(name = "direction {0}, {1} cycles/image, {2} Hz")
    @CsvSource({"0, 4, 2", "45, 4, 4", "90, 2, 2", "135, 8, 2", "180, 8, 4", "270, 4, 4", "315, 2, 4"})
    void shouldDriveTheMatchingChannelMost(double direction, double cycles, double hz) {
        GrayVideo grating = TestClips.grating(32, 40, 30, direction, cycles, hz, 0.7, 0.4);
        MotionChannel best = ChannelSearch.strongest(CENTRED, CENTRED.features(grating));
        assertEquals(new MotionChannel(cycles, 0, 0, hz, direction), best);
    }

    @Test
    void shouldPreferTheMatchingDirectionAtEveryPositionWithDefaults() {
        GrayVideo grating = TestClips.grating(32, 45, 15, 135, 4, 3, 0, 0.3);
        double[] energy = DEFAULT.features(grating);
        for (int row = 0; row < 2; row++) {
            for (int col = 0; col < 2; col++) {
                assertEquals(new MotionChannel(4, row, col, 3, 135), ChannelSearch.strongestAt(DEFAULT, energy, 4, row, col));
            }
        }
    }

    @Test
    void shouldBeInvariantToTheGratingPhase() {
        int matched = CENTRED.channels().indexOf(new MotionChannel(4, 0, 0, 2, 45));
        double reference = CENTRED.features(TestClips.grating(32, 40, 30, 45, 4, 2, 0, 0.4))[matched];
        for (double phase = 0.4; phase < 2 * Math.PI; phase += 0.9) {
            double energy = CENTRED.features(TestClips.grating(32, 40, 30, 45, 4, 2, phase, 0.4))[matched];
            assertEquals(reference, energy, 0.01 * reference, "phase " + phase);
        }
    }

    @Test
    void shouldGiveNoMotionResponseToAStillImage() {
        float[] image = new float[32 * 32];
        Random random = new Random(3);
        for (int i = 0; i < image.length; i++) {
            image[i] = random.nextFloat();
        }
        double[] energy = CENTRED.features(TestClips.still(image, 32, 20, 30));
        double strongestStatic = 0;
        double strongestMoving = 0;
        for (int k = 0; k < energy.length; k++) {
            if (CENTRED.channels().get(k).isStatic()) {
                strongestStatic = Math.max(strongestStatic, energy[k]);
            } else {
                strongestMoving = Math.max(strongestMoving, energy[k]);
            }
        }
        assertTrue(strongestStatic > 1e-5, "a textured image drives static channels: " + strongestStatic);
        assertTrue(strongestMoving < 1e-6 * strongestStatic, strongestMoving + " vs " + strongestStatic);
    }

    @Test
    void shouldIgnoreUniformLuminance() {
        float[] grey = new float[32 * 32];
        Arrays.fill(grey, 0.8f);
        for (double energy : CENTRED.features(TestClips.still(grey, 32, 20, 30))) {
            assertEquals(0, energy, 1e-10);
        }
    }

    @Test
    void shouldGiveTheSameFeaturesAtAnotherInputSize() {
        GrayVideo large = TestClips.grating(64, 20, 15, 90, 2, 3, 0, 0.3);
        double[] fromLarge = DEFAULT.features(large);
        double[] fromWorking = DEFAULT.features(large.resized(32, 32));
        assertArrayEquals(fromWorking, fromLarge);
    }

    @Test
    void shouldGiveIdenticalFeaturesFromConcurrentCalls() throws Exception {
        List<GrayVideo> clips = List.of(
                TestClips.grating(32, 30, 15, 0, 2, 1, 0, 0.3),
                TestClips.grating(32, 30, 24, 200, 8, 5, 1, 0.2),
                TestClips.grating(48, 30, 30, 90, 4, 3, 2, 0.4));
        List<double[]> sequential = clips.stream().map(DEFAULT::features).toList();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<double[]>> parallel = new ArrayList<>();
            for (GrayVideo clip : clips) {
                parallel.add(pool.submit(() -> new MotionEnergy().features(clip)));
                parallel.add(pool.submit(() -> DEFAULT.features(clip)));
            }
            for (int i = 0; i < parallel.size(); i++) {
                assertArrayEquals(sequential.get(i / 2), parallel.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldExtractThreeHundredClipsWellUnderAMinute() {
        List<GrayVideo> clips = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            clips.add(TestClips.grating(32, 45, 15, 36 * i, 2 + i, 0.5 + 0.4 * i, i, 0.3));
        }
        long start = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            DEFAULT.features(clips.get(i % clips.size()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 20, "300 clips took " + seconds + " s");
    }

    @Test
    void shouldRejectAClipShorterThanOneTemporalWindow() {
        GrayVideo shortClip = TestClips.grating(32, 6, 15, 0, 4, 3, 0, 0.3);
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> DEFAULT.features(shortClip));
        assertTrue(failure.getMessage().contains("needs 7"), failure.getMessage());
    }

    @Test
    void shouldRejectATemporalFrequencyAboveNyquist() {
        GrayVideo slow = TestClips.grating(32, 20, 5, 0, 4, 1, 0, 0.3);
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.features(slow));
    }
}
