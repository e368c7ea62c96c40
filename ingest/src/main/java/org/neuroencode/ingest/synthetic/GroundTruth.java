package org.neuroencode.ingest.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws the synthetic brain: per subject and ROI, voxels that are noisy linear readouts of the driver
 * features. Each ROI reads a random 3-dimensional subspace of the drivers' top principal components, so
 * that its signal is learnable from a few hundred stimuli (as visual cortex is from a few thousand)
 * and a ridge model on the same features can reach the achievable r.
 */
public final class GroundTruth {
  private static final int SUBSPACE_RANK = 3;
  /** The ROIs' subspaces are drawn inside the span of this many leading principal components. */
  private static final int COMPONENT_POOL = 6;
  private static final int POWER_ITERATIONS = 300;
  private final double[][] pool;
  private final SyntheticSpec spec;
  private final double[][] drivers;
  private final List<SubjectRoiTruth> cells = new ArrayList<>();

  /** drivers: stimuli × features, raw; they are centered here. */
  public GroundTruth(SyntheticSpec spec, double[][] drivers) {
    this.spec = spec;
    this.drivers = center(drivers);
    Random random = new Random(spec.seed() * 31 + 7);
    this.pool = leadingComponents(covariance(this.drivers), Math.min(COMPONENT_POOL, drivers[0].length), random);
    for (int s = 0; s < spec.subjects(); s++) {
      for (RoiPlan plan : spec.rois()) {
        int voxels = Math.max(5, (int) Math.round(plan.voxels() * (0.9 + 0.2 * random.nextDouble())));
        cells.add(drawCell(spec.subjectId(s), plan, voxels, random));
      }
    }
  }

  public List<SubjectRoiTruth> cells() {
    return cells;
  }

  /** Centered drivers (stimuli × features): the weights apply to these. */
  public double[][] drivers() {
    return drivers;
  }

  /** One repetition's measured response of every voxel of a cell. */
  public double[] response(SubjectRoiTruth cell, int stimulus, int repetition) {
    // SplittableRandom mixes its seed: java.util.Random's first draws are correlated across nearby seeds.
    java.util.SplittableRandom noise = new java.util.SplittableRandom((cell.noiseSeed() * 100_003L + stimulus) * 101 + repetition);
    double[] values = new double[cell.voxels()];
    for (int j = 0; j < values.length; j++) {
      values[j] = cell.offsets()[j] + cell.signal()[stimulus][j] + cell.noiseSd()[j] * noise.nextGaussian();
    }
    return values;
  }

  private SubjectRoiTruth drawCell(String subjectId, RoiPlan plan, int voxels, Random random) {
    int n = drivers.length;
    int p = drivers[0].length;
    double[][] basis = new double[p][SUBSPACE_RANK];
    for (int k = 0; k < SUBSPACE_RANK; k++) {
      for (double[] component : pool) {
        double mix = random.nextGaussian();
        for (int i = 0; i < p; i++) {
          basis[i][k] += mix * component[i];
        }
      }
    }
    boolean[] isNull = new boolean[voxels];
    int nulls = (int) Math.round(voxels * spec.nullFraction());
    List<Integer> order = new ArrayList<>();
    for (int j = 0; j < voxels; j++) {
      order.add(j);
    }
    java.util.Collections.shuffle(order, random);
    for (int j = 0; j < nulls; j++) {
      isNull[order.get(j)] = true;
    }
    double[] weights = new double[p * voxels];
    double[][] signal = new double[n][voxels];
    double[] offsets = new double[voxels];
    double[] noiseSd = new double[voxels];
    double[] targetR = new double[voxels];
    for (int j = 0; j < voxels; j++) {
      offsets[j] = random.nextDouble() * 2 - 1;
      targetR[j] = Math.max(0.1, Math.min(0.9, plan.achievableR() + (random.nextDouble() - 0.5) * 0.1));
      // The mean of R repetitions has noise variance sd²/R; solve r² = 1 / (1 + sd²/R) for sd.
      noiseSd[j] = Math.sqrt(spec.trainRepetitions() * (1 / (targetR[j] * targetR[j]) - 1));
      if (isNull[j]) {
        continue;
      }
      double[] h = new double[SUBSPACE_RANK];
      for (int k = 0; k < SUBSPACE_RANK; k++) {
        h[k] = random.nextGaussian();
      }
      double[] w = new double[p];
      for (int i = 0; i < p; i++) {
        for (int k = 0; k < SUBSPACE_RANK; k++) {
          w[i] += basis[i][k] * h[k];
        }
      }
      double[] column = new double[n];
      for (int t = 0; t < n; t++) {
        double dot = 0;
        for (int i = 0; i < p; i++) {
          dot += drivers[t][i] * w[i];
        }
        column[t] = dot;
      }
      double scale = standardDeviation(column);
      double mean = mean(column);
      for (int t = 0; t < n; t++) {
        signal[t][j] = scale == 0 ? 0 : (column[t] - mean) / scale;
      }
      for (int i = 0; i < p; i++) {
        weights[i * voxels + j] = scale == 0 ? 0 : w[i] / scale;
      }
    }
    long noiseSeed = random.nextLong();
    SubjectRoiTruth draft = new SubjectRoiTruth(subjectId, plan.name(), voxels, weights, offsets, noiseSd, isNull,
        signal, noiseSeed, new double[voxels]);
    return new SubjectRoiTruth(subjectId, plan.name(), voxels, weights, offsets, noiseSd, isNull, signal, noiseSeed,
        empiricalAchievableR(draft));
  }

  /** Correlation of the true signal with the mean of the training repetitions, over training stimuli. */
  private double[] empiricalAchievableR(SubjectRoiTruth cell) {
    List<Integer> train = new ArrayList<>();
    for (int t = 0; t < drivers.length; t++) {
      if (!spec.isTest(t)) {
        train.add(t);
      }
    }
    double[][] means = new double[train.size()][];
    for (int i = 0; i < train.size(); i++) {
      double[] sum = new double[cell.voxels()];
      for (int rep = 0; rep < spec.trainRepetitions(); rep++) {
        double[] values = response(cell, train.get(i), rep);
        for (int j = 0; j < sum.length; j++) {
          sum[j] += values[j] / spec.trainRepetitions();
        }
      }
      means[i] = sum;
    }
    double[] r = new double[cell.voxels()];
    for (int j = 0; j < r.length; j++) {
      if (cell.isNull()[j]) {
        r[j] = Double.NaN;
        continue;
      }
      double[] a = new double[train.size()];
      double[] b = new double[train.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = cell.signal()[train.get(i)][j];
        b[i] = means[i][j];
      }
      r[j] = org.neuroencode.core.math.Pearson.pearson(a, b);
    }
    return r;
  }

  private static double[][] center(double[][] raw) {
    int n = raw.length;
    int p = raw[0].length;
    double[][] out = new double[n][p];
    for (int i = 0; i < p; i++) {
      double mean = 0;
      for (double[] row : raw) {
        mean += row[i] / n;
      }
      for (int t = 0; t < n; t++) {
        out[t][i] = raw[t][i] - mean;
      }
    }
    return out;
  }

  /** The leading eigenvectors of a covariance matrix by orthogonal iteration (rows of the result). */
  private static double[][] leadingComponents(double[][] covariance, int count, Random random) {
    int p = covariance.length;
    double[][] q = new double[count][p];
    for (double[] row : q) {
      for (int i = 0; i < p; i++) {
        row[i] = random.nextGaussian();
      }
    }
    orthonormalize(q);
    for (int iteration = 0; iteration < POWER_ITERATIONS; iteration++) {
      for (int k = 0; k < count; k++) {
        q[k] = multiply(covariance, q[k]);
      }
      orthonormalize(q);
    }
    return q;
  }

  private static void orthonormalize(double[][] rows) {
    for (int k = 0; k < rows.length; k++) {
      for (int j = 0; j < k; j++) {
        double dot = 0;
        for (int i = 0; i < rows[k].length; i++) {
          dot += rows[k][i] * rows[j][i];
        }
        for (int i = 0; i < rows[k].length; i++) {
          rows[k][i] -= dot * rows[j][i];
        }
      }
      double norm = 0;
      for (double value : rows[k]) {
        norm += value * value;
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < rows[k].length; i++) {
        rows[k][i] = norm == 0 ? 0 : rows[k][i] / norm;
      }
    }
  }

  private static double[][] covariance(double[][] z) {
    int n = z.length;
    int p = z[0].length;
    double[][] c = new double[p][p];
    for (double[] row : z) {
      for (int a = 0; a < p; a++) {
        double za = row[a];
        for (int b = a; b < p; b++) {
          c[a][b] += za * row[b] / n;
        }
      }
    }
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < a; b++) {
        c[a][b] = c[b][a];
      }
    }
    return c;
  }

  private static double[] multiply(double[][] m, double[] v) {
    double[] out = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      double dot = 0;
      for (int j = 0; j < v.length; j++) {
        dot += m[i][j] * v[j];
      }
      out[i] = dot;
    }
    return out;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double standardDeviation(double[] values) {
    double mean = mean(values);
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / values.length);
  }
}
