package org.neuroencode.extractor.catalogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model of the catalogue: where its network comes from, the layers it is tapped at, the input it
 * expects and its family attributes. The format is in docs/ARCHITECTURE.md (section "Model catalogue").
 *
 * @param layerShapes per-clip output shape of each layer without the batch dimension (optional; checked at
 *     load time when given)
 */
public record ModelEntry(String id, Source source, boolean untrained, List<String> layers,
    Map<String, List<Integer>> layerShapes, InputSpec input, Family family) {

  public ModelEntry {
    layers = layers == null ? List.of() : List.copyOf(layers);
    layerShapes = layerShapes == null ? Map.of() : Map.copyOf(layerShapes);
  }

  public ModelEntry withSource(Source newSource) {
    return new ModelEntry(id, newSource, untrained, layers, layerShapes, input, family);
  }

  /** The attributes every features record of this model carries, so the evaluator can compare families. */
  public Map<String, String> attributes() {
    Map<String, String> attributes = new LinkedHashMap<>(family.attributes());
    attributes.put("untrained", String.valueOf(untrained));
    attributes.put("source", source.type().label());
    return attributes;
  }
}
