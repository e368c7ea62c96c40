package org.neuroencode.ingest.synthetic;

/**
 * One ROI's own stimulus-driven subspace: {@code rank} signals that are linear in the centered drivers,
 * each of unit variance over all stimuli and uncorrelated with each other and with every other ROI's.
 *
 * @param tierComponents the 1-based principal components of the drivers whose span holds this subspace
 *     (shared, through a random rotation, with the other ROIs of the same reliability tier)
 * @param weights features × rank: {@code signal = centered drivers · weights}
 * @param signal stimuli × rank: the ROI's own signal
 */
public record RoiSubspace(String roi, int[] tierComponents, double[][] weights, double[][] signal) {
  public int rank() {
    return signal[0].length;
  }
}
