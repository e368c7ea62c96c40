package org.neuroencode.extractor.video;

/**
 * A decoded clip's frames, each {@code channels * height * width} values in [0, 1]. Arrays are handed over, not
 * copied, so that a decoded clip is held once; callers must treat them as read-only.
 */
public abstract class DecodedFrames {
    private final int width;
    private final int height;
    private final double fps;
    private final float[][] frames;

    DecodedFrames(int width, int height, double fps, float[][] frames, int channels) {
        FrameConverter.checkVideo(width, height, fps);
        for (int t = 0; t < frames.length; t++) {
            if (frames[t].length != channels * width * height) {
                throw new IllegalArgumentException("frame " + t + " has " + frames[t].length
                        + " values, expected " + channels * width * height);
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

    /** Frame {@code t}; read-only by contract. */
    public float[] frame(int t) {
        return frames[t];
    }
}
