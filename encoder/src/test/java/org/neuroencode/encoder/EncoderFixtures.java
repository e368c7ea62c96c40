package org.neuroencode.encoder;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.neuroencode.core.schema.Features;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.tensor.Tensors;

/** A small experiment with a known linear truth, for topology tests. */
final class EncoderFixtures {
  static final String EXPERIMENT = "exp1";
  static final String SUBJECT = "sub01";
  static final String ROI = "V1";
  static final int FEATURES = 3;
  static final int VOXELS = 4;
  static final int TRAIN = 30;
  static final int TEST = 4;
  static final int REPETITIONS = 3;

  final double[][] x = new double[TRAIN + TEST][FEATURES];
  final double[][][] y = new double[TRAIN + TEST][REPETITIONS][VOXELS];

  EncoderFixtures(long seed) {
    Random random = new Random(seed);
    double[][] w = new double[FEATURES][VOXELS];
    for (double[] row : w) {
      for (int j = 0; j < VOXELS; j++) {
        row[j] = random.nextGaussian();
      }
    }
    for (int s = 0; s < x.length; s++) {
      for (int i = 0; i < FEATURES; i++) {
        x[s][i] = random.nextGaussian();
      }
      for (int r = 0; r < REPETITIONS; r++) {
        for (int j = 0; j < VOXELS; j++) {
          double signal = 0;
          for (int i = 0; i < FEATURES; i++) {
            signal += x[s][i] * w[i][j];
          }
          y[s][r][j] = 5 + signal + random.nextGaussian();
        }
      }
    }
  }

  static String stimulusId(int s) {
    return String.format("stim%03d", s);
  }

  static boolean isTest(int s) {
    return s >= TRAIN;
  }

  Response response(int s, int repetition) {
    return response(s, repetition, y[s][repetition]);
  }

  static Response response(int s, int repetition, double[] values) {
    return Response.newBuilder()
        .setExperimentId(EXPERIMENT).setSubjectId(SUBJECT).setStimulusId(stimulusId(s)).setRoi(ROI)
        .setRepetition(repetition)
        .setValues(Tensors.ofDoubles(values, values.length))
        .setAcquiredAtMs(0)
        .build();
  }

  Features features(int s) {
    return Features.newBuilder()
        .setExperimentId(EXPERIMENT).setStimulusId(stimulusId(s)).setModel("toy").setLayer("l1")
        .setValues(Tensors.ofDoubles(x[s], FEATURES))
        .setAttributes(Map.of("modality", "video"))
        .setExtractedAtMs(0)
        .build();
  }

  static String key(int s) {
    return EXPERIMENT + "/" + stimulusId(s);
  }

  /** The mean over the given number of first repetitions. */
  double[] mean(int s, int repetitions) {
    double[] mean = new double[VOXELS];
    for (int r = 0; r < repetitions; r++) {
      for (int j = 0; j < VOXELS; j++) {
        mean[j] += y[s][r][j] / repetitions;
      }
    }
    return mean;
  }
}
