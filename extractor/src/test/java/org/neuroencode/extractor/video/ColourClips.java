package org.neuroencode.extractor.video;

import java.util.ArrayList;
import java.util.List;

/** Colour test videos: a red-green grating drifting over a blue ramp, encoded to real H.264 mp4. */
public final class ColourClips {

    private ColourClips() {
    }

    public static Video drifting(int width, int height, int frames, double fps, double cyclesPerImage, double hz) {
        List<byte[]> rgbFrames = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            byte[] rgb = new byte[width * height * 3];
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    double phase = 2 * Math.PI * (cyclesPerImage * c / width - hz * t / fps);
                    int i = 3 * (r * width + c);
                    rgb[i] = (byte) Math.round(127.5 + 120 * Math.cos(phase));
                    rgb[i + 1] = (byte) Math.round(127.5 - 120 * Math.cos(phase));
                    rgb[i + 2] = (byte) Math.round(255.0 * r / (height - 1));
                }
            }
            rgbFrames.add(rgb);
        }
        return new Video(width, height, fps, rgbFrames);
    }

    public static byte[] driftingMp4(int width, int height, int frames, double fps) {
        return VideoCodec.encodeMp4(drifting(width, height, frames, fps, 3, 2));
    }
}
