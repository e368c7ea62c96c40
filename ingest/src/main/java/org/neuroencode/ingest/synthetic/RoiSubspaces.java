package org.neuroencode.ingest.synthetic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Gives every ROI its own subspace of the drivers: disjoint, so that ROIs are driven by different stimulus
 * features and only the coupling makes one ROI carry another's signal.
 *
 * <p>The leading {@code ROIs × rank} principal components are whitened over the stimuli (so the signals are
 * exactly orthonormal: unit variance, uncorrelated) and shared out by reliability: the least reliable ROIs
 * (lowest planned achievable r) get the leading components, which ridge learns best from about 1,000
 * stimuli, so that every ROI stays learnable. ROIs go in tiers of {@value #TIER} consecutive ROIs of that
 * order; within a tier the components are rotated at random before they are shared out, so that no ROI
 * depends on one principal component alone (in hidden truth some components are invisible to motion energy).
 * With fewer stimuli or features than ROIs × rank components, the ROIs share the components there are
 * (round robin), so their subspaces are no longer disjoint; truth.json lists each ROI's components.
 */
final class RoiSubspaces {
  static final int TIER = 3;
  private static final int POWER_ITERATIONS = 300;
  private static final int ROTATION_CANDIDATES = 64;

  private RoiSubspaces() {}

  /** centered: stimuli × features, centered; the result is in the order of {@code plans}. */
  static List<RoiSubspace> draw(double[][] centered, List<RoiPlan> plans, int rank, Random random) {
    int n = centered.length;
    int p = centered[0].length;
    // a tiny experiment (a few stimuli) has fewer independent components than ROIs × rank: the ROIs then share
    // them, cycling through those there are
    int components = Math.min(plans.size() * rank, Math.min(p, n - 1) / rank * rank);
    if (components < rank) {
      throw new IllegalArgumentException("a ROI of rank " + rank + " needs " + rank
          + " independent driver components, but the drivers are " + n + " stimuli x " + p + " features");
    }
    double[][] basis = leadingComponents(covariance(centered), components, random);
    // weights: features × components; scores: stimuli × components.
    double[][] weights = transpose(basis);
    double[][] scores = multiply(centered, weights);
    whiten(scores, weights);
    List<Integer> order = IntStream.range(0, plans.size()).boxed()
        .sorted(Comparator.comparingDouble(i -> plans.get(i).achievableR())).toList();
    int tierWidth = TIER * rank;
    for (int from = 0; from < components; from += tierWidth) {
      double[][] rotation = balancedRotation(Math.min(tierWidth, components - from), rank, random);
      rotateColumns(scores, from, rotation);
      rotateColumns(weights, from, rotation);
    }
    RoiSubspace[] subspaces = new RoiSubspace[plans.size()];
    for (int position = 0; position < order.size(); position++) {
      int roi = order.get(position);
      int first = position * rank % components;
      int tierStart = first / tierWidth * tierWidth;
      int[] tier = IntStream.rangeClosed(tierStart + 1, Math.min(components, tierStart + tierWidth)).toArray();
      subspaces[roi] = new RoiSubspace(plans.get(roi).name(), tier, columns(weights, first, rank),
          columns(scores, first, rank));
    }
    return List.of(subspaces);
  }

  /**
   * Gram–Schmidt on the score columns with the 1/n inner product, applying the same column operations to
   * the weights, so that scores = drivers · weights stays true and the scores become orthonormal.
   */
  private static void whiten(double[][] scores, double[][] weights) {
    int n = scores.length;
    int k = scores[0].length;
    for (int c = 0; c < k; c++) {
      for (int previous = 0; previous < c; previous++) {
        double dot = 0;
        for (double[] row : scores) {
          dot += row[c] * row[previous] / n;
        }
        subtractColumn(scores, c, previous, dot);
        subtractColumn(weights, c, previous, dot);
      }
      double variance = 0;
      for (double[] row : scores) {
        variance += row[c] * row[c] / n;
      }
      if (!(variance > 1e-12)) {
        throw new IllegalArgumentException("the drivers span fewer than " + k + " dimensions: they cannot give every ROI "
            + "its own subspace");
      }
      double scale = 1 / Math.sqrt(variance);
      scaleColumn(scores, c, scale);
      scaleColumn(weights, c, scale);
    }
  }

  private static void subtractColumn(double[][] m, int column, int other, double factor) {
    for (double[] row : m) {
      row[column] -= factor * row[other];
    }
  }

  private static void scaleColumn(double[][] m, int column, double factor) {
    for (double[] row : m) {
      row[column] *= factor;
    }
  }

  /** Columns [from, from + size) of m times the size × size rotation, in place. */
  private static void rotateColumns(double[][] m, int from, double[][] rotation) {
    int size = rotation.length;
    double[] rotated = new double[size];
    for (double[] row : m) {
      for (int b = 0; b < size; b++) {
        double sum = 0;
        for (int a = 0; a < size; a++) {
          sum += row[from + a] * rotation[a][b];
        }
        rotated[b] = sum;
      }
      System.arraycopy(rotated, 0, row, from, size);
    }
  }

  /**
   * Of {@value #ROTATION_CANDIDATES} random rotations, the one whose largest share of one ROI's signal
   * variance from a single component is smallest: every ROI spreads over its tier's components, so that no
   * ROI hangs on one component (in hidden truth, the leading component is luminance, which motion energy
   * does not see).
   */
  private static double[][] balancedRotation(int size, int rank, Random random) {
    double[][] best = null;
    double bestShare = Double.POSITIVE_INFINITY;
    for (int candidate = 0; candidate < ROTATION_CANDIDATES; candidate++) {
      double[][] rotation = randomRotation(size, random);
      double share = 0;
      for (int first = 0; first + rank <= size; first += rank) {
        for (double[] component : rotation) {
          double sum = 0;
          for (int c = first; c < first + rank; c++) {
            sum += component[c] * component[c];
          }
          share = Math.max(share, sum / rank);
        }
      }
      if (share < bestShare) {
        bestShare = share;
        best = rotation;
      }
    }
    return best;
  }

  private static double[][] randomRotation(int size, Random random) {
    double[][] rows = new double[size][size];
    for (double[] row : rows) {
      for (int i = 0; i < size; i++) {
        row[i] = random.nextGaussian();
      }
    }
    orthonormalize(rows);
    return rows;
  }

  private static double[][] columns(double[][] m, int from, int count) {
    double[][] out = new double[m.length][count];
    for (int i = 0; i < m.length; i++) {
      System.arraycopy(m[i], from, out[i], 0, count);
    }
    return out;
  }

  /** The leading eigenvectors of a covariance matrix by orthogonal iteration (rows), by decreasing variance. */
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
    List<double[]> sorted = new ArrayList<>(List.of(q));
    sorted.sort(Comparator.comparingDouble((double[] v) -> -dot(v, multiply(covariance, v))));
    return sorted.toArray(double[][]::new);
  }

  private static void orthonormalize(double[][] rows) {
    for (int k = 0; k < rows.length; k++) {
      for (int j = 0; j < k; j++) {
        double dot = dot(rows[k], rows[j]);
        for (int i = 0; i < rows[k].length; i++) {
          rows[k][i] -= dot * rows[j][i];
        }
      }
      double norm = Math.sqrt(dot(rows[k], rows[k]));
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

  private static double[][] transpose(double[][] m) {
    double[][] out = new double[m[0].length][m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[0].length; j++) {
        out[j][i] = m[i][j];
      }
    }
    return out;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    double[][] out = new double[a.length][b[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < b.length; k++) {
        double aik = a[i][k];
        if (aik == 0) {
          continue;
        }
        for (int j = 0; j < b[0].length; j++) {
          out[i][j] += aik * b[k][j];
        }
      }
    }
    return out;
  }

  private static double[] multiply(double[][] m, double[] v) {
    double[] out = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      out[i] = dot(m[i], v);
    }
    return out;
  }

  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
