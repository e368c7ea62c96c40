package org.neuroencode.extractor.preprocess;

import java.util.List;
import org.neuroencode.extractor.catalogue.InputSpec;

/**
 * The input tensors of one clip for a model's input spec, without the batch dimension: [3, T, H, W] for a
 * video network, [T, 3, H, W] for an image network (its frames are a batch of images), and SlowFast's
 * slow [3, T/alpha, H, W] and fast [3, T, H, W] pathways, in that order.
 */
public final class ClipShapes {
  private ClipShapes() {}

  public static List<int[]> of(InputSpec input) {
    int t = input.frames();
    int side = input.crop();
    if (input.imageModel()) {
      return List.of(new int[] {t, 3, side, side});
    }
    if (input.twoPathways()) {
      return List.of(new int[] {3, t / input.slowFast().alpha(), side, side}, new int[] {3, t, side, side});
    }
    return List.of(new int[] {3, t, side, side});
  }

  /** A clip of zeros, for warm-up and shape checks. */
  public static List<ClipTensor> zeros(InputSpec input) {
    return of(input).stream().map(ClipTensor::zeros).toList();
  }
}
