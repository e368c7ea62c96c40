package org.neuroencode.ingest.synthetic.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyntheticVideosTest {

    private final SyntheticVideos videos = new SyntheticVideos(42);

    @Test
    void shouldHaveTheDefaultShape() {
        SyntheticVideo clip = videos.generate(0);
        assertEquals(45, clip.rgbFrames().size());
        assertEquals(64 * 64 * 3, clip.rgbFrames().get(0).length);
        assertEquals(15, clip.video().fps());
        assertEquals(96, videos.hiddenDimension());
        assertEquals(96, clip.hiddenFeatures().length);
        assertEquals(96, new HashSet<>(videos.hiddenFeatureNames()).size());
    }

    @Test
    void shouldRegenerateTheSameClipFromSeedAndIndexInAnyOrderOnAnyThread() {
        List<SyntheticVideo> sequential = IntStream.range(0, 6).mapToObj(videos::generate).toList();
        List<SyntheticVideo> parallel = IntStream.range(0, 6).map(i -> 5 - i).parallel()
                .mapToObj(new SyntheticVideos(42)::generate)
                .sorted((a, b) -> Integer.compare(a.index(), b.index()))
                .toList();
        for (int i = 0; i < sequential.size(); i++) {
            assertEquals(sequential.get(i).parameters(), parallel.get(i).parameters());
            assertArrayEquals(sequential.get(i).hiddenFeatures(), parallel.get(i).hiddenFeatures());
            for (int t = 0; t < 45; t++) {
                assertArrayEquals(sequential.get(i).rgbFrames().get(t), parallel.get(i).rgbFrames().get(t));
            }
        }
    }

    @Test
    void shouldDrawDifferentScenesForOtherIndicesAndSeeds() {
        assertFalse(videos.parameters(0).equals(videos.parameters(1)));
        assertFalse(videos.parameters(0).equals(new SyntheticVideos(43).parameters(0)));
    }

    @Test
    void shouldVaryEveryKindOfParameter() {
        List<SceneParameters> scenes = IntStream.range(0, 300).mapToObj(videos::parameters).toList();
        List<SceneElement> elements = scenes.stream().flatMap(s -> s.elements().stream()).toList();
        List<GratingPatch> gratings = scenes.stream().map(SceneParameters::grating)
                .flatMap(Optional::stream).toList();

        assertTrue(gratings.size() > 150 && gratings.size() < 270, gratings.size() + " gratings");
        Set<Integer> blobCounts = scenes.stream().map(s -> s.blobs().size()).collect(Collectors.toSet());
        assertEquals(Set.of(0, 1, 2), blobCounts);
        assertTrue(scenes.stream().allMatch(s -> !s.elements().isEmpty()), "every clip shows something");
        Set<Long> quadrants = elements.stream()
                .map(e -> Math.floorMod((long) Math.floor(e.directionRadians() / (Math.PI / 2)), 4L))
                .collect(Collectors.toSet());
        assertEquals(4, quadrants.size());
        assertTrue(spread(elements.stream().mapToDouble(SceneElement::speed).toArray()) > 10);
        assertTrue(spread(elements.stream().mapToDouble(SceneElement::contrast).toArray()) > 3);
        assertTrue(spread(gratings.stream().mapToDouble(GratingPatch::cyclesPerImage).toArray()) > 3);
        assertTrue(spread(elements.stream().mapToDouble(e -> e.centreX(1.5)).toArray()) > 2);
        assertTrue(spread(scenes.stream().mapToDouble(SceneParameters::background).toArray()) > 1.5);
    }

    @Test
    void shouldGiveFiniteHiddenFeaturesThatVaryAcrossClips() {
        double[][] hidden = IntStream.range(0, 40).mapToObj(videos::generate)
                .map(SyntheticVideo::hiddenFeatures).toArray(double[][]::new);
        for (int k = 0; k < videos.hiddenDimension(); k++) {
            final int feature = k;
            double[] column = Arrays.stream(hidden).mapToDouble(row -> row[feature]).toArray();
            assertTrue(Arrays.stream(column).allMatch(Double::isFinite), videos.hiddenFeatureNames().get(k));
            double mean = Arrays.stream(column).average().orElseThrow();
            double variance = Arrays.stream(column).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
            assertTrue(variance > 1e-8, videos.hiddenFeatureNames().get(k) + " is constant");
        }
    }

    @Test
    void shouldKeepPixelsInsideTheByteRangeAroundTheBackground() {
        SyntheticVideo clip = videos.generate(3);
        int[] histogram = new int[256];
        for (byte[] frame : clip.rgbFrames()) {
            for (byte value : frame) {
                histogram[value & 0xFF]++;
            }
        }
        int background = (int) Math.round(255 * clip.parameters().background());
        int mode = IntStream.range(0, 256).reduce((a, b) -> histogram[a] >= histogram[b] ? a : b).orElseThrow();
        assertEquals(background, mode, 2, "mid-grey background dominates");
    }

    private static double spread(double[] values) {
        double min = Arrays.stream(values).map(Math::abs).min().orElseThrow();
        double max = Arrays.stream(values).map(Math::abs).max().orElseThrow();
        return max / min;
    }
}
