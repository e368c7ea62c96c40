package org.neuroencode.encoder.connectivity;

import org.neuroencode.encoder.ridge.LinearAlgebra;
import org.neuroencode.encoder.ridge.NestedRidgeCv;
import org.neuroencode.encoder.ridge.RidgeSolution;
import org.neuroencode.encoder.ridge.SufficientStats;

/**
 * One layer's stage-1 ridge predictions at the two depths of nesting that stage 2 and fusion need, so that
 * no prediction ever comes from a model that saw the fold it is scored on:
 *
 * <ul>
 *   <li>{@link #outer()}: each training stimulus predicted by the model trained on every fold but its own
 *       (alpha per voxel by K-fold CV over those folds), the usual out-of-fold prediction;</li>
 *   <li>{@link #inner(int)}: for outer fold f, each stimulus of another fold g predicted by the model trained
 *       on the folds other than f and g: the training inputs of a second stage evaluated on f;</li>
 *   <li>{@link #test()}: test stimuli predicted by the model trained on all training folds.</li>
 * </ul>
 *
 * <p>The model trained without {f, g} serves both outer f (predicting g) and outer g (predicting f), so K folds
 * cost K(K−1)/2 + K + 1 fits, each of all voxels at once, as they share one Gram matrix per training set.
 *
 * @throws org.neuroencode.encoder.ridge.InsufficientDataException from {@link #fit} when an inner training set has
 *     fewer than two non-empty folds (fewer than four folds hold data)
 */
public final class NestedPredictions {
  private final double[][] outer;
  private final double[][][] inner;
  private final double[][] test;

  private NestedPredictions(double[][] outer, double[][][] inner, double[][] test) {
    this.outer = outer;
    this.inner = inner;
    this.test = test;
  }

  /**
   * @param x training features, one row per stimulus
   * @param fold each training row's fold in [0, k)
   * @param y training responses, one row per stimulus
   * @param xTest test features
   */
  public static NestedPredictions fit(double[][] x, int[] fold, double[][] y, double[][] xTest, int k, NestedRidgeCv solver) {
    int n = x.length;
    SufficientStats[] stats = FoldStatistics.of(x, y, fold, k, -1, LinearAlgebra.preferred());
    double[][] outer = new double[n][];
    double[][][] inner = new double[k][n][];
    for (int f = 0; f < k; f++) {
      RidgeSolution withoutF = solver.solveCv(without(stats, f, -1));
      predictFold(withoutF, x, fold, f, outer);
      for (int g = f + 1; g < k; g++) {
        if (stats[f].n() == 0 || stats[g].n() == 0) {
          continue;
        }
        RidgeSolution withoutBoth = solver.solveCv(without(stats, f, g));
        predictFold(withoutBoth, x, fold, g, inner[f]);
        predictFold(withoutBoth, x, fold, f, inner[g]);
      }
    }
    RidgeSolution all = solver.solveCv(stats);
    double[][] test = new double[xTest.length][];
    for (int i = 0; i < xTest.length; i++) {
      test[i] = all.predict(xTest[i]);
    }
    return new NestedPredictions(outer, inner, test);
  }

  /** Row i: training stimulus i predicted by the model that did not train on its fold. */
  public double[][] outer() {
    return outer;
  }

  /** Row i: training stimulus i predicted by the model trained without outer fold f and without i's fold; null for rows of f. */
  public double[][] inner(int f) {
    return inner[f];
  }

  public double[][] test() {
    return test;
  }

  private static SufficientStats[] without(SufficientStats[] stats, int a, int b) {
    SufficientStats[] kept = new SufficientStats[stats.length - (b < 0 ? 1 : 2)];
    int next = 0;
    for (int f = 0; f < stats.length; f++) {
      if (f != a && f != b) {
        kept[next++] = stats[f];
      }
    }
    return kept;
  }

  private static void predictFold(RidgeSolution solution, double[][] x, int[] fold, int f, double[][] into) {
    for (int i = 0; i < x.length; i++) {
      if (fold[i] == f) {
        into[i] = solution.predict(x[i]);
      }
    }
  }
}
