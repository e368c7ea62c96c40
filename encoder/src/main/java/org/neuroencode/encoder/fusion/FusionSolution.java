package org.neuroencode.encoder.fusion;

import java.util.List;
import java.util.Optional;
import org.neuroencode.core.math.PairedMoments;

/**
 * Fitted layer fusion for one (subject, model, ROI) cell, with its honest out-of-fold record. Predictions are
 * ŷ_j = intercept_j + Σ_l weight(l, j) · ŷ_lj with non-negative weights.
 */
public final class FusionSolution {

    private final FusionModel model;
    private final double[] shrinkage;
    private final List<PairedMoments> perOuterFold;

    /** @param perOuterFold fused out-of-fold moments of each non-empty outer fold, or null when nesting was impossible */
    FusionSolution(FusionModel model, double[] shrinkage, List<PairedMoments> perOuterFold) {
        this.model = model;
        this.shrinkage = shrinkage;
        this.perOuterFold = perOuterFold == null ? null : List.copyOf(perOuterFold);
    }

    public int layers() {
        return model.layers();
    }

    public int voxels() {
        return model.voxels();
    }

    /** Non-negative weights, row-major L×v: entry (l, j) at l·v + j. */
    public double[] weights() {
        return model.weights();
    }

    public double weight(int layer, int voxel) {
        return model.weight(layer, voxel);
    }

    public double[] intercept() {
        return model.intercept();
    }

    /** The relative shrinkage each voxel's final weights were fitted with (see {@link FusionSettings}). */
    public double[] shrinkage() {
        return shrinkage.clone();
    }

    /**
     * Pooled moments of the fused out-of-fold (prediction, observation) pairs, each outer fold predicted with
     * weights learned without it. Empty when nesting was impossible: a shrinkage grid of several values and an
     * outer fold with fewer than two non-empty inner folds.
     */
    public Optional<PairedMoments> oof() {
        return pooled(false);
    }

    /**
     * The same pairs pooled within outer folds (each fold about its own means), as the ridge core's
     * {@code RidgeSolution.oofWithinFolds()}: the project's primary score is {@code oofWithinFolds().get().pearson()},
     * because each fold's intercept, learned on the other folds, moves against that fold's own mean and biases
     * the plainly pooled r downwards. Empty exactly when {@link #oof()} is.
     */
    public Optional<PairedMoments> oofWithinFolds() {
        return pooled(true);
    }

    /**
     * The fused out-of-fold moments of each non-empty outer fold, in fold order. With weights that vary between
     * folds, both pooled correlations are biased below 0 under the null: when the folds' chance correlations
     * agree, every fold gets large weights and the positive sum is divided by a large pooled variance; when
     * they disagree, weights shrink towards 0 and the negative sum is divided by a small one. The mean over
     * folds of each fold's own r is unbiased, since a fold's weights never depend on its observations. Empty
     * exactly when {@link #oof()} is.
     */
    public Optional<List<PairedMoments>> oofPerOuterFold() {
        return Optional.ofNullable(perOuterFold).map(folds -> folds.stream().map(PairedMoments::copy).toList());
    }

    private Optional<PairedMoments> pooled(boolean withinFolds) {
        if (perOuterFold == null) {
            return Optional.empty();
        }
        PairedMoments pooled = new PairedMoments(voxels());
        for (PairedMoments fold : perOuterFold) {
            pooled.merge(withinFolds ? fold.centered() : fold);
        }
        return Optional.of(pooled);
    }

    /**
     * @param perLayerPredictions L arrays of v predictions, in the layer order of the statistics
     * @throws IllegalArgumentException on a shape mismatch or a non-finite value
     */
    public double[] predict(double[][] perLayerPredictions) {
        return model.predict(perLayerPredictions);
    }
}
