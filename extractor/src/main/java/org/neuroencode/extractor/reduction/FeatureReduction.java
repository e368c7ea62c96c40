package org.neuroencode.extractor.reduction;

/**
 * Turns one layer's activation into the feature vector a Kafka record carries. Implementations are pure
 * functions of the activation (and their settings), thread-safe, and accumulate in double.
 */
public interface FeatureReduction {

  double[] reduce(Activation activation);

  /** A short description for the features' attributes, e.g. {@code pool:2}. */
  String describe();

  /**
   * {@code pool:G} (spatial average pooling to a G x G grid, the default G = 2), {@code project:K[:SEED]} (a
   * sparse random projection to K dimensions), or {@code none} (the whole activation, flattened).
   */
  static FeatureReduction parse(String text) {
    String[] parts = text.trim().toLowerCase().split(":");
    try {
      switch (parts[0]) {
        case "none":
          if (parts.length == 1) {
            return new Flatten();
          }
          break;
        case "pool":
          if (parts.length <= 2) {
            return new SpatialPooling(parts.length == 2 ? Integer.parseInt(parts[1]) : SpatialPooling.DEFAULT_GRID);
          }
          break;
        case "project":
          if (parts.length == 2 || parts.length == 3) {
            return new SparseRandomProjection(Integer.parseInt(parts[1]),
                parts.length == 3 ? Long.parseLong(parts[2]) : SparseRandomProjection.DEFAULT_SEED);
          }
          break;
        default:
          break;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException("--reduction must be pool[:GRID], project:K[:SEED] or none, not '" + text + "'");
  }

  /** The activation as it is, flattened in row-major order (the devkit keeps whole layers). */
  final class Flatten implements FeatureReduction {
    @Override
    public double[] reduce(Activation activation) {
      float[] values = activation.values();
      double[] out = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        out[i] = values[i];
      }
      return out;
    }

    @Override
    public String describe() {
      return "none";
    }
  }
}
