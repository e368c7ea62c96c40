package org.neuroencode.encoder.connectivity;

import java.util.List;
import java.util.Map;
import org.neuroencode.core.math.Pearson;

/**
 * Stage 2 of one layer of one (subject, model): every variant's fit per target ROI, and the directional
 * ROI × ROI matrices. In both matrices row t is the target and column s the source.
 *
 * @param weights mean absolute stage-2 weight (final {@link Variant#FULL} fit) from each source's components to
 *     the target's voxels, each row scaled so that its largest weight from another ROI is 1 (the diagonal may exceed 1)
 * @param uniqueContribution loss in mean out-of-fold r of the target when the source is left out of its full
 *     stage 2 (for s = t: full minus inter)
 */
public record LayerConnectivity(String layer, List<String> rois, List<Map<Variant, VariantFit>> fits,
    double[][] weights, double[][] uniqueContribution, int trainStimuli, int componentsPerSource) {

  public VariantFit fit(int roi, Variant variant) {
    return fits.get(roi).get(variant);
  }

  /** Mean over the target's voxels of the out-of-fold r (voxels with no variance excluded). */
  public double meanR(int roi, Variant variant) {
    return Pearson.meanIgnoringNaN(fit(roi, variant).outOfFold().pearson());
  }
}
