package org.neuroencode.ingest.synthetic;

/**
 * The measurement noise: correlated across voxels and ROIs, as in real fMRI (head motion, physiology and
 * scanner drifts reach every voxel at once). Per (subject, stimulus, repetition) there are {@code factors}
 * standard-normal latent noise factors; each voxel loads on them with a unit-norm loading vector, and the
 * voxel's noise is {@code sd · (√shared · loading·factors + √(1 − shared) · its own standard normal)}. So
 * every voxel's noise variance is {@code sd²} whatever the sharing, and two voxels' noise correlation is
 * {@code shared · cos(loading₁, loading₂)}.
 *
 * <p>Loadings: a global direction common to every ROI of the subject, plus a direction per ROI, plus a
 * smaller per-voxel part. Voxels of one ROI are therefore strongly correlated, voxels of different ROIs
 * less but clearly, mostly positively (the global signal).
 *
 * @param factors latent noise factors per subject (0: independent noise only)
 * @param sharedFraction share of each voxel's noise variance that comes from the factors, in [0, 1)
 */
public record NoiseSpec(int factors, double sharedFraction) {
  public static final int DEFAULT_FACTORS = 4;
  public static final double DEFAULT_SHARED_FRACTION = 0.5;

  public NoiseSpec {
    if (factors < 0 || factors > 100) {
      throw new IllegalArgumentException("the number of noise factors must be in [0, 100], not " + factors);
    }
    if (!(sharedFraction >= 0 && sharedFraction < 1)) {
      throw new IllegalArgumentException("the shared noise fraction must be in [0, 1), not " + sharedFraction);
    }
    if (factors == 0 && sharedFraction > 0) {
      throw new IllegalArgumentException("shared noise needs at least one noise factor");
    }
  }

  public static NoiseSpec defaults() {
    return new NoiseSpec(DEFAULT_FACTORS, DEFAULT_SHARED_FRACTION);
  }

  /** Independent noise per voxel, as before the noise was correlated. */
  public static NoiseSpec independent() {
    return new NoiseSpec(0, 0);
  }
}
