package org.neuroencode.extractor.video;

/**
 * Luminance frames in [0, 1], each a row-major {@code height * width} array. Arrays are handed over, not
 * copied, so that a decoded clip is held once; callers must treat them as read-only.
 */
public final class GrayVideo extends DecodedFrames {

    public GrayVideo(int width, int height, double fps, float[][] frames) {
        super(width, height, fps, frames, 1);
    }

    public float pixel(int t, int row, int col) {
        return frame(t)[row * width() + col];
    }

    /** The same clip at another size, by area averaging (see {@link AreaResampler}). */
    public GrayVideo resized(int newWidth, int newHeight) {
        if (newWidth == width() && newHeight == height()) {
            return this;
        }
        AreaResampler resampler = new AreaResampler(width(), height(), newWidth, newHeight);
        float[][] out = new float[frameCount()][];
        for (int t = 0; t < out.length; t++) {
            out[t] = resampler.apply(frame(t));
        }
        return new GrayVideo(newWidth, newHeight, fps(), out);
    }
}
