package org.neuroencode.extractor.video;

import java.util.List;

/**
 * An RGB video in memory: each frame is {@code width * height * 3} bytes, row-major, channels interleaved
 * as R, G, B. The byte arrays are shared, not copied, because frames are large and produced once.
 */
public record Video(int width, int height, double fps, List<byte[]> rgbFrames) {

    public Video {
        FrameConverter.checkVideo(width, height, fps);
        rgbFrames = List.copyOf(rgbFrames);
        int expected = width * height * 3;
        for (int t = 0; t < rgbFrames.size(); t++) {
            if (rgbFrames.get(t).length != expected) {
                throw new IllegalArgumentException("frame " + t + " has " + rgbFrames.get(t).length
                        + " bytes, expected " + expected + " for " + width + "x" + height + " RGB");
            }
        }
    }

    public int frameCount() {
        return rgbFrames.size();
    }
}
