package org.neuroencode.encoder.connectivity;

import org.neuroencode.encoder.reduction.FeatureBasis;
import org.neuroencode.encoder.reduction.PcaFitter;
import org.neuroencode.encoder.reduction.PcaSettings;

/**
 * A source ROI's stage-1 predictions reduced to a few standardized components: StandardScaler over its voxels,
 * PCA, then each component scaled to unit variance on the rows it was fitted on. Every source then enters
 * stage 2 with the same number of unit-variance inputs, whatever its size, so its weights compare across
 * sources. Fitted on training rows only.
 *
 * <p>Failure policy: a source whose predictions are all constant (nothing learned yet) has no components
 * and contributes nothing, rather than failing the other sources' fits.
 */
final class SourceComponents {
  private static final double VARIANCE_TOLERANCE = 1e-8;
  private final FeatureBasis basis;
  private final double[] scale;
  private final int from;
  private final int width;

  private SourceComponents(FeatureBasis basis, int from, int width) {
    this.basis = basis;
    this.from = from;
    this.width = width;
    int k = basis == null ? 0 : basis.components();
    this.scale = new double[k];
    for (int c = 0; c < k; c++) {
      scale[c] = 1 / Math.sqrt(basis.explainedVariance()[c]);
    }
  }

  /**
   * @param rows predictions of all voxels; the source's are columns [from, from + width); null rows are skipped
   */
  static SourceComponents fit(double[][] rows, int from, int width, int components) {
    int n = 0;
    for (double[] row : rows) {
      n += row == null ? 0 : 1;
    }
    double[][] slice = new double[n][];
    int next = 0;
    for (double[] row : rows) {
      if (row != null) {
        slice[next++] = java.util.Arrays.copyOfRange(row, from, from + width);
      }
    }
    try {
      PcaSettings settings = PcaSettings.defaults().withComponents(components).withVarianceTolerance(VARIANCE_TOLERANCE);
      return new SourceComponents(new PcaFitter(settings).fit(slice), from, width);
    } catch (IllegalArgumentException allConstant) {
      return new SourceComponents(null, from, width);
    }
  }

  int components() {
    return scale.length;
  }

  /** Writes this source's standardized components of one prediction row into {@code out} at {@code at}. */
  void transformInto(double[] row, double[] out, int at) {
    if (scale.length == 0) {
      return;
    }
    double[] scores = basis.transform(java.util.Arrays.copyOfRange(row, from, from + width));
    for (int c = 0; c < scale.length; c++) {
      out[at + c] = scores[c] * scale[c];
    }
  }
}
