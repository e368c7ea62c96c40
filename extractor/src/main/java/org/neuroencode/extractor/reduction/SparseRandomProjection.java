package org.neuroencode.extractor.reduction;

import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A very sparse random projection (Li, Hastie and Church 2006) of the flattened activation to K
 * dimensions: entry (k, i) is +-sqrt(s / K) with probability 1 / (2 s) each and 0 otherwise, s = sqrt(d),
 * so distances are preserved in expectation. The matrix is a function of (seed, d, K) alone, so every
 * process and every replay projects alike; it is built once per input length and kept in sparse form.
 */
public final class SparseRandomProjection implements FeatureReduction {
  public static final long DEFAULT_SEED = 0;
  private final int components;
  private final long seed;
  private final ConcurrentHashMap<Integer, Matrix> matrices = new ConcurrentHashMap<>();

  public SparseRandomProjection(int components, long seed) {
    if (components < 1) {
      throw new IllegalArgumentException("a projection needs at least 1 component, not " + components);
    }
    this.components = components;
    this.seed = seed;
  }

  @Override
  public double[] reduce(Activation activation) {
    float[] x = activation.values();
    Matrix matrix = matrices.computeIfAbsent(x.length, this::matrix);
    double[] out = new double[components];
    for (int k = 0; k < components; k++) {
      double sum = 0;
      for (int n = matrix.start[k]; n < matrix.start[k + 1]; n++) {
        int index = matrix.index[n];
        sum += index >= 0 ? x[index] : -x[~index];
      }
      out[k] = sum * matrix.scale;
    }
    return out;
  }

  /**
   * Row k's non-zeros by geometric skips (each input index independently with probability 1/s), its signs in
   * the index's bits (~i for a minus), from a generator seeded by (seed, k) so rows are independent of K.
   */
  private Matrix matrix(int inputs) {
    double density = 1 / Math.sqrt(inputs);
    double logKeep = Math.log1p(-density);
    int[][] rows = new int[components][];
    int total = 0;
    for (int k = 0; k < components; k++) {
      SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + k);
      int[] row = new int[16];
      int count = 0;
      int i = density >= 1 ? 0 : skip(random, logKeep);
      while (i < inputs) {
        if (count == row.length) {
          row = java.util.Arrays.copyOf(row, 2 * count);
        }
        row[count++] = random.nextBoolean() ? i : ~i;
        i += 1 + (density >= 1 ? 0 : skip(random, logKeep));
      }
      rows[k] = java.util.Arrays.copyOf(row, count);
      total += count;
    }
    int[] start = new int[components + 1];
    int[] index = new int[total];
    for (int k = 0; k < components; k++) {
      System.arraycopy(rows[k], 0, index, start[k], rows[k].length);
      start[k + 1] = start[k] + rows[k].length;
    }
    return new Matrix(start, index, Math.sqrt(1 / (density * components)));
  }

  /** Failures before the next success of a Bernoulli(density) sequence. */
  private static int skip(SplittableRandom random, double logKeep) {
    double u = 1 - random.nextDouble(); // in (0, 1]
    double failures = Math.floor(Math.log(u) / logKeep);
    return failures > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE / 2 : (int) failures;
  }

  private record Matrix(int[] start, int[] index, double scale) {}

  @Override
  public String describe() {
    return "project:" + components + ":" + seed;
  }
}
