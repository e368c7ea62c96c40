package org.neuroencode.extractor.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoCodecTest {

    private static final int SIZE = 64;
    private static final int FRAMES = 30;
    private static final double FPS = 15;
    private static GrayVideo source;
    private static byte[] mp4;
    private static ExecutorService pool;

    @BeforeAll
    static void encodeOnce() {
        source = TestClips.grating(SIZE, FRAMES, FPS, 30, 4, 2, 0.3, 0.4);
        mp4 = VideoCodec.encodeMp4(TestClips.toGreyRgb(source));
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void shouldWriteAnH264Mp4() {
        String boxes = new String(mp4, StandardCharsets.ISO_8859_1);
        assertTrue(boxes.startsWith("ftyp", 4), "mp4 file type box first");
        assertTrue(boxes.contains("avc1"), "H.264 sample entry");
    }

    @Test
    void shouldRoundTripLuminanceWithinCodecNoise() throws VideoDecodeException {
        GrayVideo decoded = VideoCodec.decodeGray(mp4, DecodeOptions.ofSize(SIZE, SIZE));
        assertEquals(FRAMES, decoded.frameCount());
        assertEquals(FPS, decoded.fps(), 1e-9);
        double squaredError = 0;
        for (int t = 0; t < FRAMES; t++) {
            for (int i = 0; i < SIZE * SIZE; i++) {
                double difference = decoded.frame(t)[i] - source.frame(t)[i];
                squaredError += difference * difference;
            }
        }
        double psnr = -10 * Math.log10(squaredError / (FRAMES * SIZE * SIZE));
        assertTrue(psnr > 35, "PSNR " + psnr + " dB");
    }

    @Test
    void shouldMapBlackToZeroAndWhiteToOne() throws VideoDecodeException {
        byte[] black = new byte[16 * 16 * 3];
        byte[] white = new byte[16 * 16 * 3];
        Arrays.fill(white, (byte) 255);
        byte[] video = VideoCodec.encodeMp4(new Video(16, 16, 10, List.of(black, white, black, white)));
        GrayVideo decoded = VideoCodec.decodeGray(video, DecodeOptions.ofSize(4, 4));
        assertEquals(0, decoded.pixel(0, 2, 2), 0.02);
        assertEquals(1, decoded.pixel(1, 2, 2), 0.02);
    }

    @Test
    void shouldAreaAverageWhenDecodingToASmallerSize() throws VideoDecodeException {
        GrayVideo full = VideoCodec.decodeGray(mp4, DecodeOptions.ofSize(SIZE, SIZE));
        GrayVideo small = VideoCodec.decodeGray(mp4, DecodeOptions.ofSize(24, 20));
        assertEquals(24, small.width());
        assertEquals(20, small.height());
        AreaResampler resampler = new AreaResampler(SIZE, SIZE, 24, 20);
        for (int t = 0; t < FRAMES; t++) {
            assertArrayEquals(resampler.apply(full.frame(t)), small.frame(t));
        }
    }

    @Test
    void shouldDecodeIdenticalFloatsOnEveryThread() throws Exception {
        DecodeOptions options = DecodeOptions.ofSize(32, 32);
        GrayVideo reference = VideoCodec.decodeGray(mp4, options);
        List<Future<GrayVideo>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(pool.submit(() -> VideoCodec.decodeGray(mp4, options)));
        }
        for (Future<GrayVideo> result : results) {
            GrayVideo decoded = result.get();
            for (int t = 0; t < FRAMES; t++) {
                assertArrayEquals(reference.frame(t), decoded.frame(t));
            }
        }
    }

    @Test
    void shouldDecodeTheSameFramesFromAFile(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("clip.mp4");
        Files.write(file, mp4);
        DecodeOptions options = DecodeOptions.ofSize(32, 32);
        GrayVideo fromFile = VideoCodec.decodeGray(file, options);
        GrayVideo fromBytes = VideoCodec.decodeGray(mp4, options);
        for (int t = 0; t < FRAMES; t++) {
            assertArrayEquals(fromBytes.frame(t), fromFile.frame(t));
        }
    }

    @Test
    void shouldStopAtTheFrameLimit() throws VideoDecodeException {
        GrayVideo decoded = VideoCodec.decodeGray(mp4, DecodeOptions.ofSize(8, 8).withMaxFrames(10));
        assertEquals(10, decoded.frameCount());
    }

    @Test
    void shouldRejectATruncatedMp4() {
        byte[] truncated = Arrays.copyOf(mp4, mp4.length / 2);
        assertOneLineFailure(() -> VideoCodec.decodeGray(truncated, DecodeOptions.ofSize(32, 32)));
    }

    @Test
    void shouldRejectRandomBytes() {
        byte[] noise = new byte[20_000];
        new Random(7).nextBytes(noise);
        assertOneLineFailure(() -> VideoCodec.decodeGray(noise, DecodeOptions.ofSize(32, 32)));
    }

    @Test
    void shouldRejectEmptyInputAndMissingFiles(@TempDir Path directory) {
        assertOneLineFailure(() -> VideoCodec.decodeGray(new byte[0], DecodeOptions.ofSize(32, 32)));
        assertOneLineFailure(() -> VideoCodec.decodeGray(directory.resolve("absent.mp4"), DecodeOptions.ofSize(32, 32)));
    }

    @Test
    void shouldRejectAVideoShorterThanTheMinimum() {
        VideoDecodeException failure = assertThrows(VideoDecodeException.class,
                () -> VideoCodec.decodeGray(mp4, DecodeOptions.ofSize(32, 32).withMinFrames(FRAMES + 1)));
        assertTrue(failure.getMessage().contains(FRAMES + " frames"), failure.getMessage());
        assertTrue(failure.getMessage().contains("at least " + (FRAMES + 1)), failure.getMessage());
    }

    @Test
    void shouldRefuseOddSizesThatYuv420CannotHold() {
        byte[] frame = new byte[15 * 16 * 3];
        assertThrows(IllegalArgumentException.class,
                () -> VideoCodec.encodeMp4(new Video(15, 16, 10, List.of(frame))));
    }

    private interface Decode {
        GrayVideo run() throws VideoDecodeException;
    }

    private static void assertOneLineFailure(Decode decode) {
        VideoDecodeException failure = assertThrows(VideoDecodeException.class, decode::run);
        String message = failure.getMessage();
        assertFalse(message.isBlank());
        assertFalse(message.contains("\n"), message);
        assertFalse(message.contains("java.io."), message);
    }
}
