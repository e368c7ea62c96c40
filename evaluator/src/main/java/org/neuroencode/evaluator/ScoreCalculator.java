package org.neuroencode.evaluator;

import org.neuroencode.core.ids.CellKey;
import org.neuroencode.core.math.PairedMoments;
import org.neuroencode.core.math.Pearson;
import org.neuroencode.core.schema.ModelSnapshot;
import org.neuroencode.core.schema.Score;
import org.neuroencode.core.schema.Tensor;
import org.neuroencode.core.tensor.Tensors;

/**
 * Per-ROI scores of a model snapshot: Pearson r per voxel of the nested out-of-fold predictions pooled
 * within outer folds (see RidgeSolution#oofWithinFolds), then mean and median over voxels.
 */
public final class ScoreCalculator {
  public static final String BASE_VARIANT = "base";
  /** Below this many test stimuli a test r is too noisy to report. */
  static final int MIN_TEST_STIMULI = 3;

  private ScoreCalculator() {}

  public static String scoreKey(ModelSnapshot snapshot, String variant) {
    return new CellKey(snapshot.getExperimentId(), snapshot.getSubjectId(), snapshot.getModel(),
        snapshot.getLayer(), snapshot.getRoi()).child(variant);
  }

  public static Score score(ModelSnapshot snapshot) {
    double[] r = voxelR(snapshot.getOofWithinFoldMoments());
    Score.Builder score = Score.newBuilder()
        .setRunId(snapshot.getRunId())
        .setExperimentId(snapshot.getExperimentId())
        .setSubjectId(snapshot.getSubjectId())
        .setModel(snapshot.getModel())
        .setLayer(snapshot.getLayer())
        .setRoi(snapshot.getRoi())
        .setVariant(BASE_VARIANT)
        .setNTrain(snapshot.getNTrain())
        .setNTest(snapshot.getNTest())
        .setResponses(snapshot.getResponses())
        .setMeanR(Pearson.meanIgnoringNaN(r))
        .setMedianR(Pearson.medianIgnoringNaN(r))
        .setVoxelR(Tensors.ofFloats(narrow(r), r.length))
        .setMeanBestAlpha(geometricMean(Tensors.toDoubles(snapshot.getBestAlpha())))
        .setAttributes(snapshot.getAttributes())
        .setUpdatedAtMs(snapshot.getUpdatedAtMs());
    if (snapshot.getTestMoments() != null && snapshot.getNTest() >= MIN_TEST_STIMULI) {
      double[] testR = voxelR(snapshot.getTestMoments());
      score.setTestMeanR(Pearson.meanIgnoringNaN(testR))
          .setTestMedianR(Pearson.medianIgnoringNaN(testR))
          .setTestVoxelR(Tensors.ofFloats(narrow(testR), testR.length));
    }
    return score.build();
  }

  private static double[] voxelR(Tensor moments) {
    return PairedMoments.fromMatrix(Tensors.toDoubles(moments)).pearson();
  }

  private static float[] narrow(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  private static double geometricMean(double[] values) {
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
