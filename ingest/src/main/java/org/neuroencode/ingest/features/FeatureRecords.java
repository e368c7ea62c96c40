package org.neuroencode.ingest.features;

import java.util.Map;
import org.neuroencode.core.schema.DType;
import org.neuroencode.core.schema.Features;
import org.neuroencode.core.tensor.Tensors;

/** Feature records for features computed elsewhere: one per (stimulus, model, layer), in the source's dtype. */
public final class FeatureRecords {
  private FeatureRecords() {}

  /** The values are the stimulus's features flattened in C order. */
  public static Features of(String experimentId, String stimulusId, String model, String layer, double[] values,
      DType dtype, Map<String, String> attributes) {
    return Features.newBuilder().setExperimentId(experimentId).setStimulusId(stimulusId).setModel(model)
        .setLayer(layer).setValues(Tensors.vector(values, dtype)).setAttributes(attributes)
        .setExtractedAtMs(System.currentTimeMillis()).build();
  }
}
