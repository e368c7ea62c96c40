package org.neuroencode.extractor.network;

import java.util.List;
import org.neuroencode.extractor.preprocess.ClipTensor;

/** The clips of one forward pass; each clip is its list of pathway tensors (one, or SlowFast's two). */
public record ClipBatch(List<List<ClipTensor>> clips) {

  public ClipBatch {
    if (clips.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one clip");
    }
    clips = List.copyOf(clips);
  }

  public int size() {
    return clips.size();
  }
}
