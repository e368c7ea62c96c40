package org.neuroencode.ingest.synthetic;

/**
 * The ground truth of one subject's ROI.
 *
 * @param weights (features × voxels) readout of the standardized driver features; zero for null voxels
 * @param offsets per-voxel baseline added to every response
 * @param noiseSd single-trial noise standard deviation per voxel
 * @param isNull voxels with no signal at all
 * @param signal (stimuli × voxels) noiseless unit-variance signal
 * @param noiseSeed seeds the noise of this cell's responses
 * @param achievableR per voxel, the correlation of the signal with the mean of the training repetitions
 *     over the training stimuli (NaN for null voxels)
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
    long noiseSeed,
    double[] achievableR) {

  public double meanAchievableR() {
    double sum = 0;
    int n = 0;
    for (int j = 0; j < voxels; j++) {
      if (!isNull[j]) {
        sum += achievableR[j];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  public int nullVoxels() {
    int n = 0;
    for (boolean b : isNull) {
      n += b ? 1 : 0;
    }
    return n;
  }
}
