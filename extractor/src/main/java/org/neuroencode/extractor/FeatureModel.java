package org.neuroencode.extractor;

import java.util.List;
import java.util.Map;
import org.neuroencode.extractor.video.VideoDecodeException;

/** A feature model the extractor runs on every stimulus: one vector per layer. */
public interface FeatureModel {

  /** The model id used in feature records and cell keys. */
  String id();

  List<String> layers();

  /** Catalogue attributes: modality, arch, multiscale, supervision, streams, pretraining. */
  Map<String, String> attributes();

  /** Layer name to feature vector, for one video's mp4 bytes; thread-safe. */
  Map<String, double[]> extract(byte[] video) throws VideoDecodeException;
}
