package org.neuroencode.encoder.connectivity;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small brain for stage-2 tests: nine ROIs, each reading its own random 3-d subspace of Gaussian features,
 * a directed coupling on the signal (target latent = own + Σ C[s][t] · source's own), and noise shared
 * across every voxel of every ROI through a few latent factors plus independent voxel noise.
 */
final class CoupledBrain {
  static final List<String> ROIS = List.of("V1", "V2", "V3", "V4", "LOC", "EBA", "FFA", "STS", "PPA");
  private static final int RANK = 3;
  private static final int NOISE_FACTORS = 3;
  /** Sources are cleaner than their targets, as in cortex. */
  private static final double[] NOISE_SD = {0.6, 0.9, 1.2, 1.5, 2.2, 3.0, 3.0, 3.0, 3.0};

  static double[][] feedforward(double strength) {
    double[][] c = new double[ROIS.size()][ROIS.size()];
    int[][] edges = {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {4, 6}, {4, 7}};
    for (int[] edge : edges) {
      c[edge[0]][edge[1]] = strength;
    }
    return c;
  }

  /**
   * @param coupling [source][target]
   * @param signal 0 gives pure noise (with the same correlated noise)
   */
  static ModelData generate(long seed, int train, int test, int features, int voxels, double[][] coupling, double signal,
      int folds) {
    SplittableRandom random = new SplittableRandom(seed);
    int rois = ROIS.size();
    int n = train + test;
    double[][] x = gaussian(random, n, features);
    double[][][] own = new double[rois][][];
    for (int r = 0; r < rois; r++) {
      own[r] = standardize(multiply(x, gaussian(random, features, RANK)));
    }
    double[][] noiseLoadings = gaussian(random, rois * voxels, NOISE_FACTORS);
    double[][] noiseFactors = gaussian(random, n, NOISE_FACTORS);
    double[][] y = new double[n][rois * voxels];
    List<ModelData.Row> trainRows = new ArrayList<>();
    List<ModelData.Row> testRows = new ArrayList<>();
    for (int r = 0, v = 0; r < rois; r++) {
      // early ROIs are cleaner, as in cortex
      double noiseSd = NOISE_SD[r];
      double[][] readout = gaussian(random, 2 * RANK, voxels);
      for (int j = 0; j < voxels; j++, v++) {
        for (int i = 0; i < n; i++) {
          double value = 0;
          for (int c = 0; c < RANK; c++) {
            double latent = own[r][i][c];
            double inherited = 0;
            for (int s = 0; s < rois; s++) {
              inherited += coupling[s][r] * own[s][i][c];
            }
            value += signal * (readout[c][j] * latent + readout[RANK + c][j] * inherited);
          }
          double shared = 0;
          for (int k = 0; k < NOISE_FACTORS; k++) {
            shared += noiseLoadings[v][k] * noiseFactors[i][k];
          }
          y[i][v] = value + 0.5 * shared + noiseSd * random.nextGaussian();
        }
      }
    }
    for (int i = 0; i < n; i++) {
      ModelData.Row row = new ModelData.Row("s" + i, i % folds, new double[][] {x[i]}, y[i]);
      (i < train ? trainRows : testRows).add(row);
    }
    int[] roiVoxels = new int[rois];
    java.util.Arrays.fill(roiVoxels, voxels);
    return new ModelData(List.of("layer"), ROIS, roiVoxels, folds, trainRows, testRows);
  }

  static double[][] gaussian(SplittableRandom random, int rows, int cols) {
    double[][] out = new double[rows][cols];
    for (double[] row : out) {
      for (int j = 0; j < cols; j++) {
        row[j] = random.nextGaussian();
      }
    }
    return out;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    double[][] out = new double[a.length][b[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < b.length; k++) {
        for (int j = 0; j < b[0].length; j++) {
          out[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    return out;
  }

  private static double[][] standardize(double[][] columns) {
    int n = columns.length;
    for (int j = 0; j < columns[0].length; j++) {
      double mean = 0;
      double squares = 0;
      for (double[] row : columns) {
        mean += row[j] / n;
      }
      for (double[] row : columns) {
        squares += (row[j] - mean) * (row[j] - mean);
      }
      double sd = Math.sqrt(squares / n);
      for (double[] row : columns) {
        row[j] = (row[j] - mean) / sd;
      }
    }
    return columns;
  }
}
