package org.neuroencode.encoder.connectivity;

import org.neuroencode.core.math.GeometricMean;
import org.neuroencode.encoder.ridge.RidgeSolution;

/**
 * A fitted stage-2 map from a target's design row to the correction of its voxels: coefficients on the
 * unscaled design (any band scaling folded in), intercepts, and per voxel the chosen alpha and CV score.
 * Voxels may come from different band scalings (see {@link #keepBetter}).
 */
final class LinearMap {
  private final int q;
  private final int v;
  private final double[] coef;
  private final double[] intercept;
  private final double[] alpha;
  private final double[] cvScore;

  private LinearMap(int q, int v, double[] coef, double[] intercept, double[] alpha, double[] cvScore) {
    this.q = q;
    this.v = v;
    this.coef = coef;
    this.intercept = intercept;
    this.alpha = alpha;
    this.cvScore = cvScore;
  }

  /** The solution of a fit on inputs multiplied by {@code inputScale}, as a map of the unscaled inputs. */
  static LinearMap of(RidgeSolution solution, double[] inputScale) {
    int q = solution.features();
    int v = solution.voxels();
    double[] coef = solution.coef();
    for (int i = 0; i < q; i++) {
      for (int j = 0; j < v; j++) {
        coef[i * v + j] *= inputScale[i];
      }
    }
    return new LinearMap(q, v, coef, solution.intercept(), solution.bestAlpha(), solution.cvScore());
  }

  /** Per voxel, the map with the better CV score: this, the candidate, or a mix of both. */
  LinearMap keepBetter(LinearMap candidate) {
    boolean anyBetter = false;
    boolean allBetter = true;
    for (int j = 0; j < v; j++) {
      boolean better = candidate.cvScore[j] > cvScore[j];
      anyBetter |= better;
      allBetter &= better;
    }
    if (!anyBetter) {
      return this;
    }
    if (allBetter) {
      return candidate;
    }
    double[] mixedCoef = coef.clone();
    double[] mixedIntercept = intercept.clone();
    double[] mixedAlpha = alpha.clone();
    double[] mixedScore = cvScore.clone();
    for (int j = 0; j < v; j++) {
      if (candidate.cvScore[j] > cvScore[j]) {
        for (int i = 0; i < q; i++) {
          mixedCoef[i * v + j] = candidate.coef[i * v + j];
        }
        mixedIntercept[j] = candidate.intercept[j];
        mixedAlpha[j] = candidate.alpha[j];
        mixedScore[j] = candidate.cvScore[j];
      }
    }
    return new LinearMap(q, v, mixedCoef, mixedIntercept, mixedAlpha, mixedScore);
  }

  int voxels() {
    return v;
  }

  double coef(int input, int voxel) {
    return coef[input * v + voxel];
  }

  /** Adds the map's output for design row {@code z} to {@code out}. */
  void addPrediction(double[] z, double[] out) {
    for (int j = 0; j < v; j++) {
      out[j] += intercept[j];
    }
    for (int i = 0; i < q; i++) {
      if (z[i] != 0) {
        for (int j = 0; j < v; j++) {
          out[j] += z[i] * coef[i * v + j];
        }
      }
    }
  }

  double meanAlpha() {
    return GeometricMean.ofPositive(alpha);
  }
}
