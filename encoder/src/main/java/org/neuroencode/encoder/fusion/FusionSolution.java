package org.neuroencode.encoder.fusion;

import java.util.Optional;
import org.neuroencode.core.math.PairedMoments;

/**
 * Fitted layer fusion for one (subject, model, ROI) cell, with its honest out-of-fold record. Predictions are
 * ŷ_j = intercept_j + Σ_l weight(l, j) · ŷ_lj with non-negative weights.
 */
public final class FusionSolution {

    private final FusionModel model;
    private final double[] shrinkage;
    private final PairedMoments oof;
    private final PairedMoments oofWithinFolds;

    FusionSolution(FusionModel model, double[] shrinkage, PairedMoments oof, PairedMoments oofWithinFolds) {
        this.model = model;
        this.shrinkage = shrinkage;
        this.oof = oof;
        this.oofWithinFolds = oofWithinFolds;
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
        return Optional.ofNullable(oof).map(PairedMoments::copy);
    }

    /**
     * The same pairs pooled within outer folds (each fold about its own means), as the ridge core's
     * {@code RidgeSolution.oofWithinFolds()}: the project's primary score is {@code oofWithinFolds().get().pearson()},
     * because each fold's intercept, learned on the other folds, moves against that fold's own mean and biases
     * the plainly pooled r downwards. Empty exactly when {@link #oof()} is.
     */
    public Optional<PairedMoments> oofWithinFolds() {
        return Optional.ofNullable(oofWithinFolds).map(PairedMoments::copy);
    }

    /**
     * @param perLayerPredictions L arrays of v predictions, in the layer order of the statistics
     * @throws IllegalArgumentException on a shape mismatch or a non-finite value
     */
    public double[] predict(double[][] perLayerPredictions) {
        return model.predict(perLayerPredictions);
    }
}
