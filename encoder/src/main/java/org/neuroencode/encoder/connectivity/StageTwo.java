package org.neuroencode.encoder.connectivity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.neuroencode.core.math.PairedMoments;
import org.neuroencode.core.math.Pearson;
import org.neuroencode.encoder.ridge.LinearAlgebra;
import org.neuroencode.encoder.ridge.NestedRidgeCv;
import org.neuroencode.encoder.ridge.SufficientStats;

/**
 * The paper's connectivity priors for one layer: a target ROI's stage-1 residual regressed on standardized
 * components of stage-1 predictions of its own ROI (intra), of the others (inter) or of all (full); the
 * stage-2 prediction is added to the stage-1 prediction.
 *
 * <p>Nesting. For outer fold f, the stage-2 training rows are the stimuli of the other folds, each carrying
 * predictions from the stage-1 model trained without f and without its own fold
 * ({@link NestedPredictions#inner}); the source components and the stage-2 alpha (inner K-fold CV over those
 * rows) are fitted there; f's stimuli are then predicted from their usual out-of-fold stage-1 predictions. No
 * measured voxel and no model that saw f reaches f's predictions, so the score is honest; and since stage 2
 * reads predictions only, a voxel's own measurement never enters its prediction.
 */
final class StageTwo {
  /** Candidate scales of the own band relative to the others (see {@link #predictFold}). */
  private static final double[] OWN_BAND_SCALES = {1, 3, 10};
  /**
   * Set indices past the variants: all sources with one shared penalty, whose weights and leave-one-out losses
   * make the matrices (banding would make the sources' weights incomparable with the target's own), then the
   * leave-one-out sets.
   */
  private static final int PLAIN_FULL = Variant.values().length;
  private static final int LEAVE_ONE_OUT = PLAIN_FULL + 1;
  private final NestedRidgeCv solver;
  private final int componentsPerSource;

  private final LinearAlgebra linearAlgebra = LinearAlgebra.preferred();

  StageTwo(NestedRidgeCv solver, int componentsPerSource) {
    this.solver = solver;
    this.componentsPerSource = componentsPerSource;
  }

  LayerConnectivity run(ModelData data, int layer, NestedPredictions stage1) {
    int rois = data.rois().size();
    int k = data.folds();
    double[][] y = data.trainResponses();
    int[] fold = data.trainFolds();
    int sets = LEAVE_ONE_OUT + rois;
    PairedMoments[][] oof = new PairedMoments[rois][sets];
    for (int t = 0; t < rois; t++) {
      for (int s = 0; s < sets; s++) {
        oof[t][s] = new PairedMoments(data.roiVoxels()[t]);
      }
    }
    for (int f = 0; f < k; f++) {
      if (!contains(fold, f)) {
        continue;
      }
      Design design = Design.fit(data, stage1.inner(f), componentsPerSource);
      double[][] zTrain = design.transform(stage1.inner(f));
      double[][] zOuter = design.transform(stage1.outer());
      for (int t = 0; t < rois; t++) {
        for (int set = 0; set < sets; set++) {
          boolean[] sources = sources(set, t, rois);
          if (sources == null && set != Variant.BASE.ordinal()) {
            continue;
          }
          double[][] predicted = predictFold(data, design, t, sources, set == Variant.FULL.ordinal(), zTrain, stage1.inner(f), y, fold, f, zOuter,
              stage1.outer()).predictions;
          PairedMoments moments = new PairedMoments(data.roiVoxels()[t]);
          int from = data.roiOffset(t);
          for (int i = 0; i < y.length; i++) {
            if (fold[i] == f) {
              moments.add(predicted[i], java.util.Arrays.copyOfRange(y[i], from, from + data.roiVoxels()[t]));
            }
          }
          oof[t][set].merge(moments.centered());
        }
      }
    }
    return finalFit(data, layer, stage1, oof);
  }

  private LayerConnectivity finalFit(ModelData data, int layer, NestedPredictions stage1, PairedMoments[][] oof) {
    int rois = data.rois().size();
    double[][] y = data.trainResponses();
    double[][] yTest = data.testResponses();
    int[] fold = data.trainFolds();
    Design design = Design.fit(data, stage1.outer(), componentsPerSource);
    double[][] zTrain = design.transform(stage1.outer());
    double[][] zTest = design.transform(stage1.test());
    List<Map<Variant, VariantFit>> fits = new ArrayList<>();
    double[][] weights = new double[rois][rois];
    double[][] unique = new double[rois][rois];
    for (int t = 0; t < rois; t++) {
      Map<Variant, VariantFit> byVariant = new EnumMap<>(Variant.class);
      for (Variant variant : Variant.values()) {
        boolean[] sources = sources(variant.ordinal(), t, rois);
        Fit fit = predictFold(data, design, t, sources, variant == Variant.FULL, zTrain, stage1.outer(), y, fold, -1, zTest,
            stage1.test());
        PairedMoments test = yTest.length == 0 ? null : moments(fit.predictions, yTest, data, t);
        byVariant.put(variant, new VariantFit(oof[t][variant.ordinal()], test, fit.meanAlpha()));
      }
      fits.add(byVariant);
      boolean[] all = sources(PLAIN_FULL, t, rois);
      Fit plain = predictFold(data, design, t, all, false, zTrain, stage1.outer(), y, fold, -1, zTest, stage1.test());
      if (plain.map() != null) {
        weights[t] = design.meanAbsoluteWeights(plain.map(), all);
      }
      double full = meanR(oof[t][PLAIN_FULL]);
      for (int s = 0; s < rois; s++) {
        int without = s == t ? Variant.INTER.ordinal() : LEAVE_ONE_OUT + s;
        unique[t][s] = full - meanR(oof[t][without]);
      }
      scaleByLargestSource(weights[t], t);
    }
    return new LayerConnectivity(data.layers().get(layer), data.rois(), fits, weights, unique, y.length,
        componentsPerSource);
  }

  /**
   * Fits the target's stage 2 on the training rows outside {@code heldOut} (all rows for -1) and predicts the
   * rows of {@code heldOut} (or the given other rows, for -1) as stage 1 plus stage 2.
   *
   * <p>When the set holds the target's own components and others, the fit is a banded ridge with two bands:
   * the own band is scaled by a factor (an inverse relative penalty) chosen per voxel by the same inner CV as
   * the alpha. With one shared penalty, a few useful sources would pay for many useless ones.
   */
  private Fit predictFold(ModelData data, Design design, int target, boolean[] sources, boolean bandOwn, double[][] zTrain,
      double[][] stage1Train, double[][] y, int[] fold, int heldOut, double[][] zPredict, double[][] stage1Predict) {
    int from = data.roiOffset(target);
    int voxels = data.roiVoxels()[target];
    LinearMap map = null;
    if (sources != null && design.width(sources) > 0) {
      boolean banded = bandOwn && sources[target] && design.width(sources) > design.sources()[target].components();
      double[] scales = banded ? OWN_BAND_SCALES : new double[] {1};
      for (double scale : scales) {
        double[] bandScale = design.bandScale(sources, target, scale);
        double[][] inputs = new double[y.length][];
        double[][] residuals = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
          if (fold[i] != heldOut) {
            inputs[i] = scaled(design.select(zTrain[i], sources), bandScale);
            residuals[i] = new double[voxels];
            for (int j = 0; j < voxels; j++) {
              residuals[i][j] = y[i][from + j] - stage1Train[i][from + j];
            }
          }
        }
        SufficientStats[] stats = FoldStatistics.of(inputs, residuals, fold, data.folds(), heldOut, linearAlgebra);
        LinearMap candidate = LinearMap.of(solver.solveCv(stats), bandScale);
        map = map == null ? candidate : map.keepBetter(candidate);
      }
    }
    double[][] predicted = new double[zPredict.length][];
    for (int i = 0; i < zPredict.length; i++) {
      if (heldOut >= 0 && fold[i] != heldOut) {
        continue;
      }
      double[] row = java.util.Arrays.copyOfRange(stage1Predict[i], from, from + voxels);
      if (map != null) {
        map.addPrediction(design.select(zPredict[i], sources), row);
      }
      predicted[i] = row;
    }
    return new Fit(predicted, map);
  }

  private static double[] scaled(double[] z, double[] scale) {
    for (int c = 0; c < z.length; c++) {
      z[c] *= scale[c];
    }
    return z;
  }

  /**
   * The sources of a set: the variants in order, then all ROIs without banding (for the matrices), then "all but
   * source s" for each s; null for BASE and for "all but the target" (the same set as INTER).
   */
  private static boolean[] sources(int set, int target, int rois) {
    boolean[] use = new boolean[rois];
    if (set == Variant.BASE.ordinal()) {
      return null;
    }
    if (set == Variant.INTRA.ordinal()) {
      use[target] = true;
    } else if (set == Variant.INTER.ordinal() || set == Variant.FULL.ordinal() || set == PLAIN_FULL) {
      java.util.Arrays.fill(use, true);
      use[target] = set != Variant.INTER.ordinal();
    } else {
      int left = set - LEAVE_ONE_OUT;
      if (left == target) {
        return null; // the same set as INTER
      }
      java.util.Arrays.fill(use, true);
      use[left] = false;
    }
    return use;
  }

  private static PairedMoments moments(double[][] predicted, double[][] observed, ModelData data, int target) {
    int from = data.roiOffset(target);
    PairedMoments moments = new PairedMoments(data.roiVoxels()[target]);
    for (int i = 0; i < observed.length; i++) {
      moments.add(predicted[i], java.util.Arrays.copyOfRange(observed[i], from, from + data.roiVoxels()[target]));
    }
    return moments;
  }

  private static double meanR(PairedMoments moments) {
    return Pearson.meanIgnoringNaN(moments.pearson());
  }

  private static boolean contains(int[] values, int wanted) {
    for (int value : values) {
      if (value == wanted) {
        return true;
      }
    }
    return false;
  }

  /**
   * Scales a target's row so that its largest weight from another ROI is 1. The diagonal (the target's own
   * components, the intra term) is on the same scale and may exceed 1; scaling by it instead would make the
   * rows' inter-region weights incomparable, as the own weight varies most between targets.
   */
  private static void scaleByLargestSource(double[] row, int target) {
    double max = 0;
    for (int s = 0; s < row.length; s++) {
      if (s != target) {
        max = Math.max(max, row[s]);
      }
    }
    for (int s = 0; s < row.length && max > 0; s++) {
      row[s] /= max;
    }
  }

  private record Fit(double[][] predictions, LinearMap map) {
    double meanAlpha() {
      return map == null ? Double.NaN : map.meanAlpha();
    }
  }

  /** Every source ROI's components, fitted on one set of training rows, laid side by side. */
  private record Design(SourceComponents[] sources, int[] offsets, int width) {
    static Design fit(ModelData data, double[][] trainingPredictions, int components) {
      int rois = data.rois().size();
      SourceComponents[] sources = new SourceComponents[rois];
      int[] offsets = new int[rois];
      int width = 0;
      for (int r = 0; r < rois; r++) {
        sources[r] = SourceComponents.fit(trainingPredictions, data.roiOffset(r), data.roiVoxels()[r], components);
        offsets[r] = width;
        width += sources[r].components();
      }
      return new Design(sources, offsets, width);
    }

    double[][] transform(double[][] predictions) {
      double[][] out = new double[predictions.length][];
      for (int i = 0; i < predictions.length; i++) {
        if (predictions[i] != null) {
          out[i] = new double[width];
          for (int r = 0; r < sources.length; r++) {
            sources[r].transformInto(predictions[i], out[i], offsets[r]);
          }
        }
      }
      return out;
    }

    int width(boolean[] use) {
      int q = 0;
      for (int r = 0; use != null && r < use.length; r++) {
        q += use[r] ? sources[r].components() : 0;
      }
      return q;
    }

    double[] select(double[] z, boolean[] use) {
      double[] out = new double[width(use)];
      int next = 0;
      for (int r = 0; r < use.length; r++) {
        if (use[r]) {
          System.arraycopy(z, offsets[r], out, next, sources[r].components());
          next += sources[r].components();
        }
      }
      return out;
    }

    /** Mean |weight| from each source's components to all target voxels, for a fit over {@code use}. */
    /** Per input of the set's design, the factor its band is scaled by: {@code own} for the target's components. */
    double[] bandScale(boolean[] use, int target, double own) {
      double[] scale = new double[width(use)];
      int next = 0;
      for (int r = 0; r < use.length; r++) {
        if (use[r]) {
          java.util.Arrays.fill(scale, next, next + sources[r].components(), r == target ? own : 1);
          next += sources[r].components();
        }
      }
      return scale;
    }

    double[] meanAbsoluteWeights(LinearMap solution, boolean[] use) {
      double[] means = new double[sources.length];
      int row = 0;
      for (int r = 0; r < sources.length; r++) {
        if (!use[r]) {
          continue;
        }
        int c = sources[r].components();
        double sum = 0;
        for (int component = 0; component < c; component++, row++) {
          for (int j = 0; j < solution.voxels(); j++) {
            sum += Math.abs(solution.coef(row, j));
          }
        }
        means[r] = c == 0 ? 0 : sum / (c * (double) solution.voxels());
      }
      return means;
    }
  }
}
