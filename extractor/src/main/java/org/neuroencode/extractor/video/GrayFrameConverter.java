package org.neuroencode.extractor.video;

import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;

/** Turns decoded GRAY8 frames of one size into [0, 1] floats at the requested size. */
final class GrayFrameConverter extends FrameConverter {

    GrayFrameConverter(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight) {
        super(sourceWidth, sourceHeight, targetWidth, targetHeight);
    }

    @Override
    float[] convert(Frame frame) {
        ByteBuffer data = (ByteBuffer) frame.image[0];
        byte[] row = new byte[sourceWidth];
        float[] gray = new float[sourceWidth * sourceHeight];
        for (int r = 0; r < sourceHeight; r++) {
            // absolute get: the frame's buffer is reused by the grabber, so its position is not ours to move
            data.get(r * frame.imageStride, row);
            for (int c = 0; c < sourceWidth; c++) {
                gray[r * sourceWidth + c] = (row[c] & 0xFF) / 255f;
            }
        }
        return resampler.apply(gray);
    }
}
