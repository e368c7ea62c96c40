package org.neuroencode.encoder.basis;

import java.util.Map;
import java.util.TreeMap;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.schema.Features;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.encoder.reduction.FeatureBasis;

/**
 * Reduced features: a raw {@link Features} record projected on the frozen basis of its (model, layer), as a
 * new layer {@code <layer>.<version>} of the same model, so that the join treats it like any other layer and
 * a new basis means new cells.
 */
public final class ReducedFeatures {
  /** Attribute naming the basis version; present on reduced features only. */
  public static final String BASIS_ATTRIBUTE = "basis";
  /** Attribute holding the number of components k of the reduced vector. */
  public static final String COMPONENTS_ATTRIBUTE = "pcaComponents";
  /** Attribute holding the raw layer the reduced features come from. */
  public static final String RAW_LAYER_ATTRIBUTE = "rawLayer";
  /** Separates the raw layer from the basis version in a reduced layer's name ('@' is not an identifier character). */
  public static final String LAYER_SEPARATOR = ".";

  private ReducedFeatures() {}

  public static boolean isReduced(Features features) {
    Map<String, String> attributes = features.getAttributes();
    return attributes != null && attributes.containsKey(BASIS_ATTRIBUTE);
  }

  /** The reduced layer's name: {@code <layer>.<version>}. */
  public static String layerName(String rawLayer, String version) {
    return Ids.require("reduced layer", rawLayer + LAYER_SEPARATOR + version);
  }

  /** experimentId/model/layer: the key of a basis and of the reducer's state. */
  public static String groupKey(String experimentId, String model, String layer) {
    return Ids.join(experimentId, model, layer);
  }

  public static String groupKey(Features features) {
    return groupKey(features.getExperimentId(), features.getModel(), features.getLayer());
  }

  /** The raw features' projection on the basis: the k components as a FLOAT64 tensor. */
  public static Features reduce(Features raw, FeatureBasis basis) {
    double[] scores = basis.transform(Tensors.toDoubles(raw.getValues()));
    Map<String, String> attributes = new TreeMap<>(raw.getAttributes());
    attributes.put(BASIS_ATTRIBUTE, basis.version());
    attributes.put(COMPONENTS_ATTRIBUTE, String.valueOf(basis.components()));
    attributes.put(RAW_LAYER_ATTRIBUTE, raw.getLayer());
    return Features.newBuilder()
        .setExperimentId(raw.getExperimentId())
        .setStimulusId(raw.getStimulusId())
        .setModel(raw.getModel())
        .setLayer(layerName(raw.getLayer(), basis.version()))
        .setValues(Tensors.ofDoubles(scores, scores.length))
        .setAttributes(attributes)
        .setExtractedAtMs(raw.getExtractedAtMs())
        .build();
  }
}
