package org.neuroencode.core.math;

/** The geometric mean of per-voxel alphas, as scores summarise them. */
public final class GeometricMean {
  private GeometricMean() {}

  /**
   * Over the positive, finite values only (an alpha of 0, least squares, has no logarithm); 0 when there are none.
   */
  public static double ofPositive(double[] values) {
    double logSum = 0;
    int n = 0;
    for (double value : values) {
      if (value > 0 && Double.isFinite(value)) {
        logSum += Math.log(value);
        n++;
      }
    }
    return n == 0 ? 0 : Math.exp(logSum / n);
  }
}
