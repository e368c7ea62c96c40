package org.neuroencode.ingest.synthetic.video;

import java.util.List;
import org.neuroencode.extractor.video.Video;

/**
 * One generated clip: its frames, the parameters it was drawn from, and the hidden features computed from
 * those parameters. The hidden-feature array is shared, not copied; treat it as read-only.
 */
public record SyntheticVideo(long seed, int index, SceneParameters parameters, Video video, double[] hiddenFeatures) {

    /** RGB frames, {@code width * height * 3} bytes each, as {@code VideoCodec.encodeMp4} takes them. */
    public List<byte[]> rgbFrames() {
        return video.rgbFrames();
    }
}
