package org.neuroencode.ingest.timeseries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunNormalizationTest {
  private static final int VOLUMES = 50;

  /** Three voxels on large baselines with drifts, as BOLD rides on its mean. */
  private static double[][] run() {
    SplittableRandom random = new SplittableRandom(9);
    double[][] volumes = new double[VOLUMES][3];
    for (int t = 0; t < VOLUMES; t++) {
      volumes[t][0] = 10_000 + 0.5 * t + random.nextGaussian();
      volumes[t][1] = 800 - 2 * t + 3 * random.nextGaussian();
      volumes[t][2] = 5 + random.nextGaussian();
    }
    return volumes;
  }

  private static double[][] normalize(double[][] volumes, RunNormalization.Options options) {
    RunNormalization fit = new RunNormalization(volumes[0].length);
    for (double[] volume : volumes) {
      fit.add(volume);
    }
    RunNormalization.Normalizer normalizer = fit.fit(options);
    double[][] out = new double[volumes.length][];
    for (int t = 0; t < volumes.length; t++) {
      out[t] = normalizer.apply(t, volumes[t]);
    }
    return out;
  }

  /** Two-pass textbook formulas, one voxel at a time. */
  private static double[] naive(double[][] volumes, int voxel, boolean detrend, boolean zscore) {
    int n = volumes.length;
    double meanT = 0;
    double meanY = 0;
    for (int t = 0; t < n; t++) {
      meanT += t;
      meanY += volumes[t][voxel];
    }
    meanT /= n;
    meanY /= n;
    double stt = 0;
    double sty = 0;
    for (int t = 0; t < n; t++) {
      stt += (t - meanT) * (t - meanT);
      sty += (t - meanT) * (volumes[t][voxel] - meanY);
    }
    double slope = detrend ? sty / stt : 0;
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = volumes[t][voxel] - (detrend ? meanY + slope * (t - meanT) : 0);
    }
    if (zscore) {
      double mean = 0;
      for (double value : y) {
        mean += value / n;
      }
      double squares = 0;
      for (double value : y) {
        squares += (value - mean) * (value - mean);
      }
      double sd = Math.sqrt(squares / n);
      for (int t = 0; t < n; t++) {
        y[t] = (y[t] - mean) / sd;
      }
    }
    return y;
  }

  @Test
  void shouldDetrendAndZScoreEachVoxelAsTheTextbookFormulasDo() {
    double[][] volumes = run();
    for (boolean detrend : new boolean[] {false, true}) {
      for (boolean zscore : new boolean[] {false, true}) {
        double[][] got = normalize(volumes, new RunNormalization.Options(detrend, zscore));
        for (int voxel = 0; voxel < 3; voxel++) {
          double[] want = naive(volumes, voxel, detrend, zscore);
          for (int t = 0; t < VOLUMES; t++) {
            assertEquals(want[t], got[t][voxel], 1e-9 * Math.max(1, Math.abs(want[t])),
                "detrend=" + detrend + " zscore=" + zscore + " voxel " + voxel + " volume " + t);
          }
        }
      }
    }
  }

  @Test
  void shouldLeaveValuesAloneWithoutOptions() {
    double[][] volumes = run();
    double[][] got = normalize(volumes, RunNormalization.Options.NONE);
    for (int t = 0; t < VOLUMES; t++) {
      assertArrayEquals(volumes[t], got[t]);
    }
  }

  @Test
  void shouldZScoreAVoxelWithNoVarianceLeftToZeroRatherThanNaN() {
    double[][] volumes = new double[VOLUMES][2];
    for (int t = 0; t < VOLUMES; t++) {
      volumes[t][0] = 1234.5;
      volumes[t][1] = 100 + 0.25 * t;
    }
    double[][] constant = normalize(volumes, new RunNormalization.Options(false, true));
    double[][] line = normalize(volumes, new RunNormalization.Options(true, true));
    for (int t = 0; t < VOLUMES; t++) {
      assertEquals(0.0, constant[t][0]);
      assertEquals(0.0, line[t][1], "a pure line has nothing left after detrending");
    }
  }
}
