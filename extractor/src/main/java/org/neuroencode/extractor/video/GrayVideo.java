package org.neuroencode.extractor.video;

/**
 * Luminance frames in [0, 1], each a row-major {@code height * width} array. Arrays are handed over, not
 * copied, so that a decoded clip is held once; callers must treat them as read-only.
 */
public final class GrayVideo {

    private final int width;
    private final int height;
    private final double fps;
    private final float[][] frames;

    public GrayVideo(int width, int height, double fps, float[][] frames) {
        FrameConverter.checkVideo(width, height, fps);
        for (int t = 0; t < frames.length; t++) {
            if (frames[t].length != width * height) {
                throw new IllegalArgumentException("frame " + t + " has " + frames[t].length
                        + " pixels, expected " + width * height);
            }
        }
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.frames = frames;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public double fps() {
        return fps;
    }

    public int frameCount() {
        return frames.length;
    }

    /** Row-major luminance of frame {@code t}; read-only by contract. */
    public float[] frame(int t) {
        return frames[t];
    }

    public float pixel(int t, int row, int col) {
        return frames[t][row * width + col];
    }

    /** The same clip at another size, by area averaging (see {@link AreaResampler}). */
    public GrayVideo resized(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        AreaResampler resampler = new AreaResampler(width, height, newWidth, newHeight);
        float[][] out = new float[frames.length][];
        for (int t = 0; t < frames.length; t++) {
            out[t] = resampler.apply(frames[t]);
        }
        return new GrayVideo(newWidth, newHeight, fps, out);
    }
}
