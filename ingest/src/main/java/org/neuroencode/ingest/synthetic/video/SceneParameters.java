package org.neuroencode.ingest.synthetic.video;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Everything a clip is drawn from: the background luminance, at most one grating, and blobs. */
public record SceneParameters(double background, Optional<GratingPatch> grating, List<MovingBlob> blobs) {

    public SceneParameters {
        blobs = List.copyOf(blobs);
    }

    public List<SceneElement> elements() {
        List<SceneElement> elements = new ArrayList<>();
        grating.ifPresent(elements::add);
        elements.addAll(blobs);
        return elements;
    }
}
