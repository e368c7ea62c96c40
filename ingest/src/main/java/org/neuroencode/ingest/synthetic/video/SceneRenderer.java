package org.neuroencode.ingest.synthetic.video;

import java.util.ArrayList;
import java.util.List;
import org.neuroencode.extractor.video.Video;

/** Renders a scene to grey RGB frames, sampling each pixel at its centre. */
final class SceneRenderer {

    private SceneRenderer() {
    }

    static Video render(SceneParameters scene, SyntheticVideoConfig config) {
        int width = config.width();
        int height = config.height();
        List<SceneElement> elements = scene.elements();
        List<byte[]> frames = new ArrayList<>(config.frameCount());
        for (int n = 0; n < config.frameCount(); n++) {
            double t = config.frameTime(n);
            byte[] rgb = new byte[width * height * 3];
            for (int r = 0; r < height; r++) {
                double y = (r + 0.5) / height;
                for (int c = 0; c < width; c++) {
                    double x = (c + 0.5) / width;
                    double luminance = scene.background();
                    for (SceneElement element : elements) {
                        luminance += element.luminanceAt(x, y, t);
                    }
                    byte grey = (byte) Math.round(255 * Math.min(1, Math.max(0, luminance)));
                    int i = 3 * (r * width + c);
                    rgb[i] = grey;
                    rgb[i + 1] = grey;
                    rgb[i + 2] = grey;
                }
            }
            frames.add(rgb);
        }
        return new Video(width, height, config.fps(), frames);
    }
}
