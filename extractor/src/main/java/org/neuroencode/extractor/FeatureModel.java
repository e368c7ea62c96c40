package org.neuroencode.extractor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neuroencode.extractor.video.VideoDecodeException;

/** A feature model the extractor runs on every stimulus: one vector per layer. */
public interface FeatureModel extends AutoCloseable {

  /** The model id used in feature records and cell keys. */
  String id();

  List<String> layers();

  /** Catalogue attributes: modality, arch, multiscale, supervision, streams, pretraining, untrained, ... */
  Map<String, String> attributes();

  /** Layer name to feature vector, for one video's mp4 bytes; thread-safe. */
  Map<String, double[]> extract(byte[] video) throws VideoDecodeException;

  /** Videos per call of {@link #extractAll} that the model runs together. */
  default int batchSize() {
    return 1;
  }

  /**
   * Each video's features, or the one-line reason it has none, in order; a bad video does not fail the
   * others. Thread-safe; models that batch their forward passes override it.
   */
  default List<Extraction> extractAll(List<byte[]> videos) {
    List<Extraction> results = new ArrayList<>(videos.size());
    for (byte[] video : videos) {
      try {
        results.add(Extraction.of(extract(video)));
      } catch (VideoDecodeException | RuntimeException e) {
        results.add(Extraction.failed(String.valueOf(e.getMessage())));
      }
    }
    return results;
  }

  /** Releases native resources (networks, predictors); nothing by default. */
  @Override
  default void close() {
  }

  /** One video's layer features, or the reason extraction failed. */
  record Extraction(Map<String, double[]> layers, String failure) {
    public static Extraction of(Map<String, double[]> layers) {
      return new Extraction(layers, null);
    }

    public static Extraction failed(String reason) {
      return new Extraction(null, reason);
    }

    public boolean succeeded() {
      return failure == null;
    }
  }
}
