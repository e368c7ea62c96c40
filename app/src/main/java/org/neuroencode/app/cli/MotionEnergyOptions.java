package org.neuroencode.app.cli;

import java.util.ArrayList;
import java.util.List;
import org.neuroencode.extractor.models.MotionEnergyModel;
import org.neuroencode.extractor.motion.MotionEnergyConfig;
import org.neuroencode.extractor.motion.SpatialScale;
import picocli.CommandLine.Option;

/** The motion-energy pyramid's settings; the defaults give 168 channels. */
public final class MotionEnergyOptions {
  @Option(names = "--model-id", description = "Model id of the features; give a new one for a non-default pyramid (default: ${DEFAULT-VALUE}).",
      defaultValue = MotionEnergyModel.ID)
  String modelId;

  @Option(names = "--me-directions", description = "Motion directions, even (default: ${DEFAULT-VALUE}).", defaultValue = "8")
  int directions;

  @Option(names = "--me-scales", description = "Spatial scales as CYCLES_PER_IMAGExGRID_SIDE, comma-separated (default: ${DEFAULT-VALUE}).",
      defaultValue = "2x1,4x2,8x3")
  String scales;

  @Option(names = "--me-temporal-frequencies", description = "Temporal frequencies in Hz; 0 gives static channels (default: ${DEFAULT-VALUE}).",
      defaultValue = "0,3")
  String temporalFrequencies;

  @Option(names = "--me-window-s", description = "Temporal window of the filters in seconds (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.5")
  double windowSeconds;

  MotionEnergyModel model() {
    return new MotionEnergyModel(modelId, config());
  }

  MotionEnergyConfig config() {
    List<SpatialScale> spatial = new ArrayList<>();
    for (String scale : scales.split(",")) {
      String[] parts = scale.trim().toLowerCase().split("x");
      if (parts.length != 2) {
        throw new IllegalArgumentException("--me-scales entry '" + scale + "' is not CYCLESxGRID, e.g. 4x2");
      }
      spatial.add(new SpatialScale(Double.parseDouble(parts[0]), Integer.parseInt(parts[1])));
    }
    List<Double> temporal = new ArrayList<>();
    for (String frequency : temporalFrequencies.split(",")) {
      temporal.add(Double.parseDouble(frequency.trim()));
    }
    return MotionEnergyConfig.defaults().withDirectionCount(directions).withSpatialScales(spatial)
        .withTemporalFrequencies(temporal).withTemporalWindow(windowSeconds);
  }
}
