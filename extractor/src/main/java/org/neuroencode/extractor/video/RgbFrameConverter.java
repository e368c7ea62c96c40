package org.neuroencode.extractor.video;

import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;

/**
 * Turns decoded RGB24 frames of one size into planar [0, 1] floats (all of R, then G, then B, each
 * row-major) at the requested size, each channel resized by area averaging.
 */
final class RgbFrameConverter extends FrameConverter {

    RgbFrameConverter(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight) {
        super(sourceWidth, sourceHeight, targetWidth, targetHeight);
    }

    @Override
    float[] convert(Frame frame) {
        ByteBuffer data = (ByteBuffer) frame.image[0];
        int pixels = sourceWidth * sourceHeight;
        float[][] planes = new float[3][pixels];
        byte[] row = new byte[sourceWidth * 3];
        for (int r = 0; r < sourceHeight; r++) {
            data.get(r * frame.imageStride, row);
            for (int c = 0; c < sourceWidth; c++) {
                for (int channel = 0; channel < 3; channel++) {
                    planes[channel][r * sourceWidth + c] = (row[3 * c + channel] & 0xFF) / 255f;
                }
            }
        }
        int plane = targetWidth * targetHeight;
        float[] out = new float[3 * plane];
        for (int channel = 0; channel < 3; channel++) {
            System.arraycopy(resampler.apply(planes[channel]), 0, out, channel * plane, plane);
        }
        return out;
    }
}
