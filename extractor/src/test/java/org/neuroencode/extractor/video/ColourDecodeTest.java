package org.neuroencode.extractor.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColourDecodeTest {

    @Test
    void shouldDecodeH264ToPlanarRgbCloseToTheEncodedColours() throws Exception {
        Video source = ColourClips.drifting(64, 48, 12, 15, 3, 2);
        ColourVideo decoded = VideoCodec.decodeColour(VideoCodec.encodeMp4(source), DecodeOptions.ofSize(64, 48));
        assertEquals(12, decoded.frameCount());
        double error = 0;
        int count = 0;
        for (int t = 0; t < 12; t += 5) {
            byte[] rgb = source.rgbFrames().get(t);
            for (int r = 8; r < 40; r++) {
                for (int c = 0; c < 64; c++) {
                    for (int channel = 0; channel < 3; channel++) {
                        double expected = (rgb[3 * (r * 64 + c) + channel] & 0xFF) / 255.0;
                        error += Math.abs(decoded.pixel(t, channel, r, c) - expected);
                        count++;
                    }
                }
            }
        }
        // lossy 4:2:0 H.264 keeps colours within a few percent on average; swapped channels would be ~0.5 off
        assertTrue(error / count < 0.05, "mean absolute error " + error / count);
    }

    @Test
    void shouldResizeTheShorterSideAndKeepTheAspectRatio() throws Exception {
        byte[] mp4 = ColourClips.driftingMp4(96, 64, 4, 15);
        ColourVideo decoded = VideoCodec.decodeColour(mp4, DecodeOptions.ofShorterSide(32));
        assertEquals(32, decoded.height());
        assertEquals(48, decoded.width());
    }
}
