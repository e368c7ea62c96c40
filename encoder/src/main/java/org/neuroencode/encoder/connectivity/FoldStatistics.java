package org.neuroencode.encoder.connectivity;

import org.neuroencode.encoder.ridge.LinearAlgebra;
import org.neuroencode.encoder.ridge.SufficientStats;

/** Per-fold sufficient statistics of rows grouped by fold, built with GEMMs rather than row by row. */
final class FoldStatistics {
  private FoldStatistics() {}

  /**
   * @param x one design row per sample (rows of {@code skipFold} may be null)
   * @param y one target row per sample
   * @param skipFold a fold left out entirely (empty statistics), or -1
   */
  static SufficientStats[] of(double[][] x, double[][] y, int[] fold, int folds, int skipFold, LinearAlgebra linearAlgebra) {
    int p = firstNonNull(x).length;
    int v = firstNonNull(y).length;
    int[] counts = new int[folds];
    for (int i = 0; i < fold.length; i++) {
      if (fold[i] != skipFold) {
        counts[fold[i]]++;
      }
    }
    SufficientStats[] stats = new SufficientStats[folds];
    for (int f = 0; f < folds; f++) {
      if (counts[f] == 0) {
        stats[f] = new SufficientStats(p, v);
        continue;
      }
      double[] xs = new double[counts[f] * p];
      double[] ys = new double[counts[f] * v];
      int row = 0;
      for (int i = 0; i < fold.length; i++) {
        if (fold[i] == f) {
          System.arraycopy(x[i], 0, xs, row * p, p);
          System.arraycopy(y[i], 0, ys, row * v, v);
          row++;
        }
      }
      stats[f] = SufficientStats.ofRows(xs, ys, p, v, 0, counts[f], linearAlgebra);
    }
    return stats;
  }

  private static double[] firstNonNull(double[][] rows) {
    for (double[] row : rows) {
      if (row != null) {
        return row;
      }
    }
    throw new IllegalArgumentException("no rows");
  }
}
