package org.neuroencode.encoder.connectivity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.neuroencode.core.math.PairedMoments;
import org.neuroencode.encoder.fusion.FusionSolution;
import org.neuroencode.encoder.fusion.FusionStatistics;
import org.neuroencode.encoder.fusion.LayerFusion;
import org.neuroencode.encoder.fusion.NestedFold;
import org.neuroencode.encoder.ridge.NestedRidgeCv;
import org.neuroencode.encoder.ridge.RidgeSettings;

/**
 * Stage 2 of every layer of one (subject, model), and the fusion of its layers (the first term of the
 * paper's Eq. 1) reported as the layer {@value #FUSED_LAYER}. A pure function of {@link ModelData}: the
 * streaming encoder and a batch run give the same result on the same data.
 */
public final class ModelConnectivity {
  public static final String FUSED_LAYER = "fused";

  private ModelConnectivity() {}

  /**
   * @param fused per ROI, the fused layers' {@link Variant#BASE} fit; empty with fewer than two layers
   */
  public record Result(List<LayerConnectivity> layers, List<Map<Variant, VariantFit>> fused) {}

  /**
   * @throws org.neuroencode.encoder.ridge.InsufficientDataException while fewer than four folds hold training
   *     stimuli (the nested stage-1 models need two folds besides the two held out)
   */
  public static Result compute(ModelData data, RidgeSettings stage1Ridge, ConnectivitySettings settings) {
    NestedRidgeCv stage1 = new NestedRidgeCv(stage1Ridge);
    StageTwo stageTwo = new StageTwo(new NestedRidgeCv(settings.stage2Ridge()), settings.componentsPerSource());
    double[][] y = data.trainResponses();
    int[] fold = data.trainFolds();
    List<NestedPredictions> predictions = new ArrayList<>();
    List<LayerConnectivity> layers = new ArrayList<>();
    for (int layer = 0; layer < data.layers().size(); layer++) {
      NestedPredictions nested = NestedPredictions.fit(data.trainFeatures(layer), fold, y, data.testFeatures(layer),
          data.folds(), stage1);
      predictions.add(nested);
      layers.add(stageTwo.run(data, layer, nested));
    }
    List<Map<Variant, VariantFit>> fused = predictions.size() < 2 ? List.of() : fuse(data, predictions, settings);
    return new Result(layers, fused);
  }

  /** Fusion weights for outer fold f are learned from the other folds' inner predictions only (strict nesting). */
  private static List<Map<Variant, VariantFit>> fuse(ModelData data, List<NestedPredictions> layers,
      ConnectivitySettings settings) {
    int k = data.folds();
    int v = data.totalVoxels();
    double[][] y = data.trainResponses();
    int[] fold = data.trainFolds();
    FusionStatistics[] outer = new FusionStatistics[k];
    for (int f = 0; f < k; f++) {
      outer[f] = statistics(layers, null, y, fold, f, v);
    }
    List<NestedFold> nested = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      if (outer[f].n() == 0) {
        continue;
      }
      List<FusionStatistics> inner = new ArrayList<>();
      for (int g = 0; g < k; g++) {
        if (g != f) {
          inner.add(statistics(layers, f, y, fold, g, v));
        }
      }
      nested.add(new NestedFold(inner, outer[f]));
    }
    FusionSolution solution = LayerFusion.fit(outer, nested, settings.fusion());
    PairedMoments oof = solution.oofWithinFolds().orElseThrow(
        () -> new org.neuroencode.encoder.ridge.InsufficientDataException("too few folds for nested layer fusion"));
    double[][] yTest = data.testResponses();
    PairedMoments test = new PairedMoments(v);
    for (int i = 0; i < yTest.length; i++) {
      double[][] perLayer = new double[layers.size()][];
      for (int l = 0; l < perLayer.length; l++) {
        perLayer[l] = layers.get(l).test()[i];
      }
      test.add(solution.predict(perLayer), yTest[i]);
    }
    List<Map<Variant, VariantFit>> byRoi = new ArrayList<>();
    for (int r = 0; r < data.rois().size(); r++) {
      int from = data.roiOffset(r);
      int to = from + data.roiVoxels()[r];
      Map<Variant, VariantFit> fit = new EnumMap<>(Variant.class);
      fit.put(Variant.BASE, new VariantFit(oof.slice(from, to), yTest.length == 0 ? null : test.slice(from, to), Double.NaN));
      byRoi.add(fit);
    }
    return byRoi;
  }

  /** Fold g's per-layer predictions: out-of-fold ones (outerFold null), or those made without outer fold f too. */
  private static FusionStatistics statistics(List<NestedPredictions> layers, Integer outerFold, double[][] y, int[] fold,
      int g, int v) {
    FusionStatistics stats = new FusionStatistics(layers.size(), v);
    double[][] perLayer = new double[layers.size()][];
    for (int i = 0; i < y.length; i++) {
      if (fold[i] != g) {
        continue;
      }
      for (int l = 0; l < perLayer.length; l++) {
        perLayer[l] = outerFold == null ? layers.get(l).outer()[i] : layers.get(l).inner(outerFold)[i];
      }
      stats.add(perLayer, y[i]);
    }
    return stats;
  }
}
