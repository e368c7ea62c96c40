package org.neuroencode.encoder.fusion;

import java.util.ArrayList;
import java.util.List;
import org.neuroencode.core.math.PairedMoments;
import org.neuroencode.encoder.ridge.InsufficientDataException;

/**
 * Layer fusion, the first term of the paper's Eq. 1: per voxel, Σ_l ω_l Ŷ_l + b with ω ≥ 0, learned on
 * out-of-fold per-layer predictions and computed entirely from per-fold {@link FusionStatistics}.
 *
 * <ul>
 *   <li><b>Final weights.</b> Learned on all folds pooled (each fold's predictions from layer models that did
 *       not train on it), with each voxel's shrinkage chosen by cross-validation over the folds.</li>
 *   <li><b>Honest score.</b> For each outer fold f, weights (and their shrinkage) are learned from the other
 *       folds only and applied to fold f; the fused out-of-fold moments are kept per f and pooled over f
 *       (see {@link FusionSolution#oofPerOuterFold()} for which pooling is unbiased under the null).</li>
 * </ul>
 *
 * <p>Weights are per voxel rather than per ROI: the best layer changes across an ROI (early layers suit its
 * low-level voxels), and the shrinkage towards equal weights supplies the pooling that a per-ROI weight would.
 *
 * <p>Failure policy: empty folds are skipped; fewer than two non-empty folds throws
 * {@link InsufficientDataException}; the honest score is absent (see {@link FusionSolution#oof()}) when an
 * outer fold has too few non-empty inner folds. NaN input never gets this far: {@link FusionStatistics}
 * rejects it.
 */
public final class LayerFusion {

    private LayerFusion() {
    }

    /**
     * Fusion over K folds of out-of-fold per-layer predictions, each fold's predictions from layer models trained
     * on total − that fold. Outer fold f learns from the other folds' statistics. Those were predicted by layer
     * models that did train on f, so f can still shape its weights at second hand, through the layer models;
     * the score is strictly nested only with {@link #fit(FusionStatistics[], List, FusionSettings)}.
     */
    public static FusionSolution fit(FusionStatistics[] folds, FusionSettings settings) {
        List<FusionStatistics> used = nonEmpty(folds);
        List<NestedFold> nested = new ArrayList<>();
        for (int f = 0; f < used.size(); f++) {
            List<FusionStatistics> others = new ArrayList<>(used);
            FusionStatistics outer = others.remove(f);
            nested.add(new NestedFold(others, outer));
        }
        return solve(used, nested, settings);
    }

    /**
     * Fusion with explicitly nested statistics: the final weights are learned from {@code folds} as in
     * {@link #fit(FusionStatistics[], FusionSettings)}, and the honest score from {@code outerFolds}, each of
     * which carries the inner-fold statistics its weights may be learned from (see {@link NestedFold}).
     */
    public static FusionSolution fit(FusionStatistics[] folds, List<NestedFold> outerFolds, FusionSettings settings) {
        List<FusionStatistics> used = nonEmpty(folds);
        for (NestedFold outer : outerFolds) {
            outer.innerFolds().forEach(inner -> used.get(0).checkShape(inner));
            used.get(0).checkShape(outer.outerFold());
        }
        return solve(used, outerFolds, settings);
    }

    private static FusionSolution solve(List<FusionStatistics> used, List<NestedFold> outerFolds, FusionSettings settings) {
        double[] shrinkage = ShrinkageSearch.choose(used, settings);
        FusionModel model = FusionModel.fit(FusionStatistics.sum(used), shrinkage);
        List<PairedMoments> perOuterFold = nestedOutOfFold(outerFolds, settings);
        return new FusionSolution(model, shrinkage, perOuterFold);
    }

    /** Fused moments of each non-empty outer fold, or null when an outer fold cannot learn its weights without itself. */
    private static List<PairedMoments> nestedOutOfFold(List<NestedFold> outerFolds, FusionSettings settings) {
        List<PairedMoments> perOuterFold = new ArrayList<>();
        for (NestedFold outer : outerFolds) {
            if (outer.outerFold().n() == 0) {
                continue;
            }
            List<FusionStatistics> inner = outer.innerFolds().stream().filter(fold -> fold.n() > 0).toList();
            if (inner.size() < ShrinkageSearch.foldsNeeded(settings)) {
                return null;
            }
            FusionModel model = FusionModel.fit(FusionStatistics.sum(inner), ShrinkageSearch.choose(inner, settings));
            perOuterFold.add(model.evaluate(outer.outerFold()));
        }
        return perOuterFold;
    }

    private static List<FusionStatistics> nonEmpty(FusionStatistics[] folds) {
        if (folds.length == 0) {
            throw new InsufficientDataException("no folds given");
        }
        List<FusionStatistics> used = new ArrayList<>();
        for (FusionStatistics fold : folds) {
            folds[0].checkShape(fold);
            if (fold.n() > 0) {
                used.add(fold);
            }
        }
        if (used.size() < 2) {
            throw new InsufficientDataException("layer fusion needs at least 2 non-empty folds, got " + used.size() + " of " + folds.length);
        }
        return used;
    }
}
