package org.neuroencode.extractor.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.SeekableByteArrayOutputStream;

/**
 * H.264 mp4 encoding of RGB frames and decoding of any FFmpeg-readable video to luminance or to RGB.
 *
 * <p>Every call opens its own FFmpeg context, so the methods may run on several threads at once. The
 * bundled LGPL FFmpeg has no libx264; its H.264 encoder is Cisco's {@value #H264_ENCODER}.
 */
public final class VideoCodec {

    public static final String H264_ENCODER = "libopenh264";

    /**
     * About 1.5 bits per pixel per frame: tiny clips need a generous rate, or the encoder's blocking
     * artefacts become a motion signal of their own.
     */
    private static final double BITS_PER_PIXEL = 1.5;
    private static final int MIN_BITRATE = 100_000;

    static {
        // FFmpeg logs every corrupt packet to stderr; failures reach callers as one-line exceptions instead.
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
    }

    private VideoCodec() {
    }

    /** Encodes to an in-memory H.264 mp4 in yuv420p; width and height must be even (4:2:0 chroma). */
    public static byte[] encodeMp4(Video video) {
        if (video.width() % 2 != 0 || video.height() % 2 != 0) {
            throw new IllegalArgumentException("yuv420p needs even width and height, got "
                    + video.width() + "x" + video.height());
        }
        if (video.frameCount() == 0) {
            throw new IllegalArgumentException("a video needs at least one frame");
        }
        SeekableByteArrayOutputStream out = new SeekableByteArrayOutputStream();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out, video.width(), video.height(), 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName(H264_ENCODER);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(video.fps());
            recorder.setGopSize((int) Math.max(1, Math.round(video.fps())));
            recorder.setVideoBitrate(bitrate(video));
            recorder.start();
            ByteBuffer pixels = ByteBuffer.allocateDirect(video.width() * video.height() * 3);
            for (byte[] rgb : video.rgbFrames()) {
                pixels.clear();
                pixels.put(rgb).flip();
                recorder.recordImage(video.width(), video.height(), Frame.DEPTH_UBYTE, 3, video.width() * 3,
                        AV_PIX_FMT_RGB24, pixels);
            }
            recorder.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("H.264 encoding failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    public static GrayVideo decodeGray(byte[] encoded, DecodeOptions options) throws VideoDecodeException {
        Decoded decoded = decode(grabber(encoded), "video", options, AV_PIX_FMT_GRAY8, GrayFrameConverter::new);
        return new GrayVideo(decoded.width, decoded.height, decoded.fps, decoded.frames);
    }

    public static GrayVideo decodeGray(Path file, DecodeOptions options) throws VideoDecodeException {
        Decoded decoded = decode(grabber(file), file.toString(), options, AV_PIX_FMT_GRAY8, GrayFrameConverter::new);
        return new GrayVideo(decoded.width, decoded.height, decoded.fps, decoded.frames);
    }

    /** Decodes to planar RGB in [0, 1]; see {@link DecodeOptions#ofShorterSide} for the networks' resize. */
    public static ColourVideo decodeColour(byte[] encoded, DecodeOptions options) throws VideoDecodeException {
        Decoded decoded = decode(grabber(encoded), "video", options, AV_PIX_FMT_RGB24, RgbFrameConverter::new);
        return new ColourVideo(decoded.width, decoded.height, decoded.fps, decoded.frames);
    }

    private static FFmpegFrameGrabber grabber(byte[] encoded) throws VideoDecodeException {
        if (encoded.length == 0) {
            throw new VideoDecodeException("cannot decode video: the input is empty");
        }
        return new FFmpegFrameGrabber(new ByteArrayInputStream(encoded));
    }

    private static FFmpegFrameGrabber grabber(Path file) throws VideoDecodeException {
        if (!Files.isRegularFile(file)) {
            throw new VideoDecodeException("cannot decode " + file + ": no such file");
        }
        return new FFmpegFrameGrabber(file.toFile());
    }

    private static int bitrate(Video video) {
        double bits = BITS_PER_PIXEL * video.width() * video.height() * video.fps();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_BITRATE, bits));
    }

    /** Creates the converter for a source size and an output size. */
    private interface ConverterFactory {
        FrameConverter create(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight);
    }

    private record Decoded(int width, int height, double fps, float[][] frames) {
    }

    private static Decoded decode(FFmpegFrameGrabber grabber, String source, DecodeOptions options, int pixelFormat,
            ConverterFactory converters) throws VideoDecodeException {
        try (grabber) {
            grabber.setPixelFormat(pixelFormat);
            grabber.start();
            if (!grabber.hasVideo() || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
                throw new VideoDecodeException("cannot decode " + source + ": it has no video stream");
            }
            double fps = grabber.getFrameRate();
            if (!(fps > 0) || Double.isInfinite(fps)) {
                throw new VideoDecodeException("cannot decode " + source + ": unknown frame rate");
            }
            int[] size = options.targetSize(grabber.getImageWidth(), grabber.getImageHeight());
            List<float[]> frames = readFrames(grabber, source, options, size, converters);
            int declared = grabber.getLengthInVideoFrames();
            if (frames.size() < options.maxFrames() && frames.size() < declared - truncationSlack(declared)) {
                throw new VideoDecodeException("cannot decode " + source + ": truncated or corrupt, decoded "
                        + frames.size() + " of " + declared + " frames");
            }
            if (frames.size() < options.minFrames()) {
                throw new VideoDecodeException("cannot use " + source + ": it has " + frames.size()
                        + " frames, at least " + options.minFrames() + " are needed");
            }
            return new Decoded(size[0], size[1], fps, frames.toArray(new float[0][]));
        } catch (IOException | RuntimeException e) {
            throw new VideoDecodeException("cannot decode " + source + ": " + reason(e), e);
        }
    }

    /**
     * The declared length is estimated from the duration and frame rate, so it may overshoot by a frame or
     * so in an intact file; a shortfall beyond that means the stream ended early (an mp4 with its index in
     * front, cut short). A file cut by less than the slack goes undetected, which costs little.
     */
    private static int truncationSlack(int declaredFrames) {
        return Math.max(1, declaredFrames / 50);
    }

    private static List<float[]> readFrames(FFmpegFrameGrabber grabber, String source, DecodeOptions options,
            int[] size, ConverterFactory converters) throws IOException, VideoDecodeException {
        List<float[]> frames = new ArrayList<>();
        FrameConverter converter = null;
        Frame frame;
        while (frames.size() < options.maxFrames() && (frame = grabber.grabImage()) != null) {
            if (converter == null) {
                converter = converters.create(frame.imageWidth, frame.imageHeight, size[0], size[1]);
            } else if (!converter.accepts(frame)) {
                throw new VideoDecodeException("cannot decode " + source + ": frame size changed mid-stream");
            }
            frames.add(converter.convert(frame));
        }
        return frames;
    }

    /** FFmpeg's messages name Java objects and suggest setup calls; callers want the cause alone. */
    private static String reason(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        if (message.contains("avformat_open_input")) {
            return "not a readable video container (unknown format, or cut off before its index)";
        }
        int end = message.indexOf('\n');
        int hint = message.indexOf(" (For more details");
        if (hint >= 0 && (end < 0 || hint < end)) {
            end = hint;
        }
        return end < 0 ? message : message.substring(0, end);
    }
}
