package org.neuroencode.extractor.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuroencode.extractor.video.DecodeOptions;
import org.neuroencode.extractor.video.GrayVideo;
import org.neuroencode.extractor.video.TestClips;
import org.neuroencode.extractor.video.VideoCodec;
import org.neuroencode.extractor.video.VideoDecodeException;

class MotionEnergyOnDecodedVideoTest {

    @Test
    void shouldRecoverTheDriftDirectionFromARealH264Mp4() throws VideoDecodeException {
        MotionEnergy model = new MotionEnergy();
        GrayVideo source = TestClips.grating(64, 45, 15, 225, 4, 3, 0.5, 0.3);
        byte[] mp4 = VideoCodec.encodeMp4(TestClips.toGreyRgb(source));

        int size = model.config().workingSize();
        GrayVideo decoded = VideoCodec.decodeGray(mp4,
                DecodeOptions.ofSize(size, size).withMinFrames(model.minimumFrames(15)));
        double[] features = model.features(decoded);

        assertEquals(model.dimension(), features.length);
        for (double feature : features) {
            assertTrue(Double.isFinite(feature) && feature >= 0, "feature " + feature);
        }
        for (int row = 0; row < 2; row++) {
            for (int col = 0; col < 2; col++) {
                assertEquals(new MotionChannel(4, row, col, 3, 225), ChannelSearch.strongestAt(model, features, 4, row, col));
            }
        }
    }
}
