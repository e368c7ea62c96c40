package org.neuroencode.extractor.video;

/**
 * Decoded RGB frames in [0, 1], each a planar {@code 3 * height * width} array (channel, row, column).
 * Arrays are handed over, not copied; callers must treat them as read-only.
 */
public final class ColourVideo {

    private final int width;
    private final int height;
    private final double fps;
    private final float[][] frames;

    public ColourVideo(int width, int height, double fps, float[][] frames) {
        FrameConverter.checkVideo(width, height, fps);
        for (int t = 0; t < frames.length; t++) {
            if (frames[t].length != 3 * width * height) {
                throw new IllegalArgumentException("frame " + t + " has " + frames[t].length
                        + " values, expected " + 3 * width * height);
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

    /** Planar RGB of frame {@code t}; read-only by contract. */
    public float[] frame(int t) {
        return frames[t];
    }

    public float pixel(int t, int channel, int row, int col) {
        return frames[t][(channel * height + row) * width + col];
    }
}
