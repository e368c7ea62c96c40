package org.neuroencode.ingest.synthetic.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.neuroencode.extractor.motion.MotionEnergy;
import org.neuroencode.extractor.video.DecodeOptions;
import org.neuroencode.extractor.video.GrayVideo;
import org.neuroencode.extractor.video.VideoCodec;
import org.neuroencode.extractor.video.VideoDecodeException;

class SyntheticVideoPipelineTest {

    @Test
    void shouldGoFromGeneratorThroughH264ToMotionEnergy() throws VideoDecodeException {
        SyntheticVideos videos = new SyntheticVideos(7);
        MotionEnergy model = new MotionEnergy();
        int size = model.config().workingSize();
        double[] previous = null;
        for (int index = 0; index < 3; index++) {
            SyntheticVideo clip = videos.generate(index);
            byte[] mp4 = VideoCodec.encodeMp4(clip.video());
            GrayVideo decoded = VideoCodec.decodeGray(mp4,
                    DecodeOptions.ofSize(size, size).withMinFrames(model.minimumFrames(clip.video().fps())));
            assertEquals(clip.rgbFrames().size(), decoded.frameCount());
            assertEquals(15, decoded.fps(), 1e-9);

            double[] features = model.features(decoded);
            assertEquals(model.dimension(), features.length);
            for (double feature : features) {
                assertTrue(Double.isFinite(feature) && feature >= 0);
            }
            if (previous != null) {
                assertTrue(!Arrays.equals(previous, features), "different clips, different features");
            }
            previous = features;
        }
    }

    @Test
    void shouldDecodeTheRenderedLuminance() throws VideoDecodeException {
        SyntheticVideo clip = new SyntheticVideos(7).generate(1);
        GrayVideo decoded = VideoCodec.decodeGray(VideoCodec.encodeMp4(clip.video()), DecodeOptions.ofSize(64, 64));
        double squaredError = 0;
        for (int t = 0; t < decoded.frameCount(); t++) {
            byte[] rgb = clip.rgbFrames().get(t);
            for (int i = 0; i < 64 * 64; i++) {
                double difference = decoded.frame(t)[i] - (rgb[3 * i] & 0xFF) / 255.0;
                squaredError += difference * difference;
            }
        }
        double psnr = -10 * Math.log10(squaredError / (decoded.frameCount() * 64 * 64));
        assertTrue(psnr > 35, "PSNR " + psnr);
    }
}
