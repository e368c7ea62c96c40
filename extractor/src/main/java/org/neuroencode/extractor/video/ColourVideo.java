package org.neuroencode.extractor.video;

/**
 * Decoded RGB frames in [0, 1], each a planar {@code 3 * height * width} array (channel, row, column).
 * Arrays are handed over, not copied; callers must treat them as read-only.
 */
public final class ColourVideo extends DecodedFrames {

    public ColourVideo(int width, int height, double fps, float[][] frames) {
        super(width, height, fps, frames, 3);
    }

    public float pixel(int t, int channel, int row, int col) {
        return frame(t)[(channel * height() + row) * width() + col];
    }
}
