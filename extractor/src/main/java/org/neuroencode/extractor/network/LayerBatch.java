package org.neuroencode.extractor.network;

import java.util.List;
import java.util.Map;
import org.neuroencode.extractor.reduction.Activation;

/** Per declared layer, the activation of every clip of a batch, in the batch's order. */
public record LayerBatch(Map<String, List<Activation>> layers) {

  public Activation activation(String layer, int clip) {
    return layers.get(layer).get(clip);
  }
}
