package org.neuroencode.ingest.synthetic;

/**
 * The ground truth of one subject's ROI.
 *
 * @param weights (features × voxels, row-major) readout of the centered drivers; zero for null voxels
 * @param offsets per-voxel baseline added to every response
 * @param noiseSd single-trial noise standard deviation per voxel (shared and independent parts together)
 * @param isNull voxels with no signal at all (every voxel in {@link Truth#NULL})
 * @param signal (stimuli × voxels) noiseless signal: each voxel's readout of the ROI's latent signal
 * @param readouts (voxels × rank) unit-norm readout of the ROI's latent signal, drawn for every voxel (null
 *     voxels included, so that the draws do not depend on the truth mode)
 * @param noiseLoadings (voxels × noise factors) unit-norm loadings on the subject's shared noise factors
 * @param noiseSeed seeds this cell's independent voxel noise
 * @param factorSeed seeds the subject's shared noise factors (the same for every ROI of the subject)
 * @param achievableR per voxel, the correlation of the signal with the mean of the training repetitions
 *     over the training stimuli, measured on this experiment's draws (NaN for null voxels)
 * @param singleTrialR per voxel, the expected correlation of the signal with one repetition's response over
 *     the training stimuli: √(var signal / (var signal + noiseSd²)) (NaN for null voxels)
 */
public record SubjectRoiTruth(
    String subjectId,
    String roi,
    int voxels,
    double[] weights,
    double[] offsets,
    double[] noiseSd,
    boolean[] isNull,
    double[][] signal,
    double[][] readouts,
    double[][] noiseLoadings,
    long noiseSeed,
    long factorSeed,
    double[] achievableR,
    double[] singleTrialR) {

  public double meanAchievableR() {
    return meanOverSignalVoxels(achievableR);
  }

  public double meanSingleTrialR() {
    return meanOverSignalVoxels(singleTrialR);
  }

  public int nullVoxels() {
    int n = 0;
    for (boolean b : isNull) {
      n += b ? 1 : 0;
    }
    return n;
  }

  SubjectRoiTruth withReliability(double[] achievable, double[] singleTrial) {
    return new SubjectRoiTruth(subjectId, roi, voxels, weights, offsets, noiseSd, isNull, signal, readouts,
        noiseLoadings, noiseSeed, factorSeed, achievable, singleTrial);
  }

  private double meanOverSignalVoxels(double[] values) {
    double sum = 0;
    int n = 0;
    for (int j = 0; j < voxels; j++) {
      if (!isNull[j]) {
        sum += values[j];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
