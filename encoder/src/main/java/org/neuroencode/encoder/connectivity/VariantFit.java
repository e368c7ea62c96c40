package org.neuroencode.encoder.connectivity;

import org.neuroencode.core.math.PairedMoments;

/**
 * One variant's honest record for one target ROI.
 *
 * @param outOfFold nested out-of-fold (prediction, observation) moments, pooled within outer folds
 * @param test moments on the test split, or null when there are no test stimuli
 * @param meanAlpha geometric mean over voxels of the stage-2 alphas of the final fit (NaN for {@link Variant#BASE})
 */
public record VariantFit(PairedMoments outOfFold, PairedMoments test, double meanAlpha) {}
