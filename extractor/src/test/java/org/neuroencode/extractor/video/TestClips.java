package org.neuroencode.extractor.video;

import java.util.ArrayList;
import java.util.List;

/** Analytic clips for tests: a full-field drifting grating and its RGB (grey) rendering. */
public final class TestClips {

    private TestClips() {
    }

    /**
     * Luminance {@code 0.5 + amplitude cos(2 pi (k (x cos theta - y sin theta) - f t) + phase)} with x, y
     * in image units and rows growing downward, so the pattern drifts toward {@code directionDegrees}
     * (counter-clockwise from rightward, upward at 90).
     */
    public static GrayVideo grating(int size, int frames, double fps, double directionDegrees,
                                    double cyclesPerImage, double hz, double phase, double amplitude) {
        double theta = Math.toRadians(directionDegrees);
        float[][] data = new float[frames][size * size];
        for (int t = 0; t < frames; t++) {
            for (int r = 0; r < size; r++) {
                for (int c = 0; c < size; c++) {
                    double x = (c + 0.5) / size;
                    double y = (r + 0.5) / size;
                    double position = cyclesPerImage * (x * Math.cos(theta) - y * Math.sin(theta));
                    data[t][r * size + c] = (float) (0.5 + amplitude
                            * Math.cos(2 * Math.PI * (position - hz * t / fps) + phase));
                }
            }
        }
        return new GrayVideo(size, size, fps, data);
    }

    public static GrayVideo still(float[] image, int size, int frames, double fps) {
        float[][] data = new float[frames][];
        for (int t = 0; t < frames; t++) {
            data[t] = image;
        }
        return new GrayVideo(size, size, fps, data);
    }

    public static Video toGreyRgb(GrayVideo gray) {
        List<byte[]> frames = new ArrayList<>();
        for (int t = 0; t < gray.frameCount(); t++) {
            float[] luminance = gray.frame(t);
            byte[] rgb = new byte[luminance.length * 3];
            for (int i = 0; i < luminance.length; i++) {
                byte value = (byte) Math.round(255 * Math.min(1, Math.max(0, luminance[i])));
                rgb[3 * i] = value;
                rgb[3 * i + 1] = value;
                rgb[3 * i + 2] = value;
            }
            frames.add(rgb);
        }
        return new Video(gray.width(), gray.height(), gray.fps(), frames);
    }
}
