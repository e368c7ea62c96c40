package org.neuroencode.evaluator;

import java.util.List;
import java.util.function.Function;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.math.GeometricMean;
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
    return Ids.join(snapshot.getExperimentId(), snapshot.getSubjectId(), snapshot.getModel(), snapshot.getLayer(),
        snapshot.getRoi(), variant);
  }

  public static Score score(ModelSnapshot snapshot) {
    return score(List.of(snapshot));
  }

  /** The score of a whole ROI from the snapshots of all its voxel blocks, in block order. */
  public static Score score(List<ModelSnapshot> blocks) {
    ModelSnapshot first = blocks.get(0);
    double[] r = concatenate(blocks, snapshot -> voxelR(snapshot.getOofWithinFoldMoments()));
    Score.Builder score = Score.newBuilder()
        .setRunId(first.getRunId())
        .setExperimentId(first.getExperimentId())
        .setSubjectId(first.getSubjectId())
        .setModel(first.getModel())
        .setLayer(first.getLayer())
        .setRoi(first.getRoi())
        .setVariant(BASE_VARIANT)
        .setNTrain(blocks.stream().mapToInt(ModelSnapshot::getNTrain).min().orElseThrow())
        .setNTest(blocks.stream().mapToInt(ModelSnapshot::getNTest).min().orElseThrow())
        .setResponses(blocks.stream().mapToLong(ModelSnapshot::getResponses).min().orElseThrow())
        .setMeanR(Pearson.meanIgnoringNaN(r))
        .setMedianR(Pearson.medianIgnoringNaN(r))
        .setVoxelR(Tensors.ofFloats(Tensors.narrow(r), r.length))
        .setMeanBestAlpha(GeometricMean.ofPositive(concatenate(blocks, snapshot -> Tensors.toDoubles(snapshot.getBestAlpha()))))
        .setAttributes(first.getAttributes())
        .setUpdatedAtMs(blocks.stream().mapToLong(ModelSnapshot::getUpdatedAtMs).max().orElseThrow());
    int nTest = score.getNTest();
    if (nTest >= MIN_TEST_STIMULI && blocks.stream().allMatch(snapshot -> snapshot.getTestMoments() != null)) {
      double[] testR = concatenate(blocks, snapshot -> voxelR(snapshot.getTestMoments()));
      score.setTestMeanR(Pearson.meanIgnoringNaN(testR))
          .setTestMedianR(Pearson.medianIgnoringNaN(testR))
          .setTestVoxelR(Tensors.ofFloats(Tensors.narrow(testR), testR.length));
    }
    return score.build();
  }

  private static double[] concatenate(List<ModelSnapshot> blocks, Function<ModelSnapshot, double[]> values) {
    return blocks.stream().map(values).flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  private static double[] voxelR(Tensor moments) {
    return PairedMoments.fromMatrix(Tensors.toDoubles(moments)).pearson();
  }
}
