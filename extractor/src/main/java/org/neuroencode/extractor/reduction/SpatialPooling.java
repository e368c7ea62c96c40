package org.neuroencode.extractor.reduction;

/**
 * Average pooling over space to a fixed grid, and over time entirely. The layout is read from the rank:
 * [C] is kept; [tokens, D] (a transformer's) is averaged over the tokens; [C, H, W] and [C, T, H, W] are
 * averaged over T and, per channel, over the cells of a G x G grid (PyTorch's adaptive-pooling bins: cell
 * i spans rows floor(i H / G) to ceil((i + 1) H / G)). A side shorter than G keeps its own length. The
 * output is channel-major: C x rows x columns.
 */
public final class SpatialPooling implements FeatureReduction {
  public static final int DEFAULT_GRID = 2;
  private final int grid;

  public SpatialPooling(int grid) {
    if (grid < 1) {
      throw new IllegalArgumentException("the pooling grid must be at least 1, not " + grid);
    }
    this.grid = grid;
  }

  @Override
  public double[] reduce(Activation activation) {
    int[] shape = activation.shape();
    float[] values = activation.values();
    return switch (shape.length) {
      case 1 -> new FeatureReduction.Flatten().reduce(activation);
      case 2 -> meanOverTokens(values, shape[0], shape[1]);
      case 3 -> pool(values, shape[0], 1, shape[1], shape[2]);
      case 4 -> pool(values, shape[0], shape[1], shape[2], shape[3]);
      default -> throw new IllegalArgumentException("cannot pool an activation of shape " + activation.shapeText());
    };
  }

  private static double[] meanOverTokens(float[] values, int tokens, int dimension) {
    double[] out = new double[dimension];
    for (int t = 0; t < tokens; t++) {
      for (int d = 0; d < dimension; d++) {
        out[d] += values[t * dimension + d];
      }
    }
    for (int d = 0; d < dimension; d++) {
      out[d] /= tokens;
    }
    return out;
  }

  private double[] pool(float[] values, int channels, int frames, int height, int width) {
    int rows = Math.min(grid, height);
    int columns = Math.min(grid, width);
    double[] out = new double[channels * rows * columns];
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < rows; i++) {
        int top = i * height / rows;
        int bottom = ceilDiv((i + 1) * height, rows);
        for (int j = 0; j < columns; j++) {
          int left = j * width / columns;
          int right = ceilDiv((j + 1) * width, columns);
          double sum = 0;
          for (int t = 0; t < frames; t++) {
            int plane = (c * frames + t) * height * width;
            for (int r = top; r < bottom; r++) {
              for (int col = left; col < right; col++) {
                sum += values[plane + r * width + col];
              }
            }
          }
          out[(c * rows + i) * columns + j] = sum / ((long) frames * (bottom - top) * (right - left));
        }
      }
    }
    return out;
  }

  private static int ceilDiv(int numerator, int denominator) {
    return -Math.floorDiv(-numerator, denominator);
  }

  @Override
  public String describe() {
    return "pool:" + grid;
  }
}
