package org.neuroencode.encoder.connectivity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.math.PairedMoments;
import org.neuroencode.core.math.Pearson;
import org.neuroencode.core.schema.Connectivity;
import org.neuroencode.core.schema.Score;
import org.neuroencode.core.tensor.Tensors;

/** Turns a {@link ModelConnectivity.Result} into the records of the {@code scores} and {@code connectivity} topics. */
public final class ConnectivityRecords {
  private ConnectivityRecords() {}

  /** Identifies the (experiment, subject, model) a result belongs to. */
  public record Origin(String runId, String experimentId, String subjectId, String model, Map<String, String> attributes) {}

  /**
   * The variant under which a layer's stage-1 predictions alone are scored on stage 2's stimuli: the evaluator's
   * {@code base} of the same layer may rest on more stimuli (those missing some ROI or layer), so the ablation's
   * paired gains are taken against this one.
   */
  public static final String STAGE1_VARIANT = "stage1";

  /**
   * Scores of every layer's stage-1 predictions ({@value #STAGE1_VARIANT}) and stage-2 variants on the same
   * stimuli, and the base of the fused layer, keyed as the evaluator keys scores.
   */
  public static List<Map.Entry<String, Score>> scores(Origin origin, ModelData data, ModelConnectivity.Result result, long now) {
    List<Map.Entry<String, Score>> scores = new ArrayList<>();
    for (LayerConnectivity layer : result.layers()) {
      for (int r = 0; r < layer.rois().size(); r++) {
        for (Variant variant : Variant.values()) {
          scores.add(score(origin, data, layer.layer(), layer.rois().get(r),
              variant == Variant.BASE ? STAGE1_VARIANT : variant.id(), layer.fit(r, variant), now));
        }
      }
    }
    for (int r = 0; r < result.fused().size(); r++) {
      scores.add(score(origin, data, ModelConnectivity.FUSED_LAYER, data.rois().get(r), Variant.BASE.id(),
          result.fused().get(r).get(Variant.BASE), now));
    }
    return scores;
  }

  public static Map.Entry<String, Connectivity> connectivity(Origin origin, LayerConnectivity layer, long now) {
    int rois = layer.rois().size();
    double[] variantMeanR = new double[rois * Variant.values().length];
    for (int r = 0; r < rois; r++) {
      for (Variant variant : Variant.values()) {
        variantMeanR[r * Variant.values().length + variant.ordinal()] = layer.meanR(r, variant);
      }
    }
    Connectivity record = Connectivity.newBuilder()
        .setRunId(origin.runId()).setExperimentId(origin.experimentId()).setSubjectId(origin.subjectId())
        .setModel(origin.model()).setLayer(layer.layer())
        .setRois(new ArrayList<>(layer.rois()))
        .setWeights(Tensors.ofDoubles(flatten(layer.weights()), rois, rois))
        .setUniqueContribution(Tensors.ofDoubles(flatten(layer.uniqueContribution()), rois, rois))
        .setVariantMeanR(Tensors.ofDoubles(variantMeanR, rois, Variant.values().length))
        .setNTrain(layer.trainStimuli())
        .setComponentsPerSource(layer.componentsPerSource())
        .setAttributes(origin.attributes())
        .setUpdatedAtMs(now)
        .build();
    return Map.entry(Ids.join(origin.experimentId(), origin.subjectId(), origin.model(), layer.layer()), record);
  }

  private static Map.Entry<String, Score> score(Origin origin, ModelData data, String layer, String roi, String variant,
      VariantFit fit, long now) {
    double[] r = fit.outOfFold().pearson();
    Score.Builder score = Score.newBuilder()
        .setRunId(origin.runId()).setExperimentId(origin.experimentId()).setSubjectId(origin.subjectId())
        .setModel(origin.model()).setLayer(layer).setRoi(roi).setVariant(variant)
        .setNTrain(data.train().size()).setNTest(data.test().size())
        .setResponses(data.train().size() + data.test().size())
        .setMeanR(Pearson.meanIgnoringNaN(r)).setMedianR(Pearson.medianIgnoringNaN(r))
        .setVoxelR(Tensors.ofFloats(Tensors.narrow(r), r.length))
        .setMeanBestAlpha(Double.isNaN(fit.meanAlpha()) ? 0 : fit.meanAlpha())
        .setAttributes(origin.attributes())
        .setUpdatedAtMs(now);
    PairedMoments test = fit.test();
    if (test != null && data.test().size() >= 3) {
      double[] testR = test.pearson();
      score.setTestMeanR(Pearson.meanIgnoringNaN(testR)).setTestMedianR(Pearson.medianIgnoringNaN(testR))
          .setTestVoxelR(Tensors.ofFloats(Tensors.narrow(testR), testR.length));
    }
    return Map.entry(Ids.join(origin.experimentId(), origin.subjectId(), origin.model(), layer, roi, variant),
        score.build());
  }

  private static double[] flatten(double[][] matrix) {
    double[] flat = new double[matrix.length * matrix.length];
    for (int i = 0; i < matrix.length; i++) {
      System.arraycopy(matrix[i], 0, flat, i * matrix.length, matrix.length);
    }
    return flat;
  }
}
