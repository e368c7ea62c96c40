package org.neuroencode.extractor.video;

import org.bytedeco.javacv.Frame;

/**
 * Turns the decoder's frames of one source size into float arrays at the requested size, resized by area
 * averaging; subclasses read one pixel format.
 */
abstract class FrameConverter {

    protected final int sourceWidth;
    protected final int sourceHeight;
    protected final int targetWidth;
    protected final int targetHeight;
    protected final AreaResampler resampler;

    FrameConverter(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight) {
        this.sourceWidth = sourceWidth;
        this.sourceHeight = sourceHeight;
        this.targetWidth = targetWidth;
        this.targetHeight = targetHeight;
        this.resampler = new AreaResampler(sourceWidth, sourceHeight, targetWidth, targetHeight);
    }

    final boolean accepts(Frame frame) {
        return frame.imageWidth == sourceWidth && frame.imageHeight == sourceHeight;
    }

    abstract float[] convert(Frame frame);

    /** Width, height and frame rate that make a video; one message for every video class. */
    static void checkVideo(int width, int height, double fps) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("video size must be positive, got " + width + "x" + height);
        }
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps must be positive and finite, got " + fps);
        }
    }
}
