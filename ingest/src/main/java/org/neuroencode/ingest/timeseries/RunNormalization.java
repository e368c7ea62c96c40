package org.neuroencode.ingest.timeseries;

import java.util.Arrays;
import org.neuroencode.core.math.PairedMoments;

/**
 * Per-run, per-voxel linear detrending and z-scoring, fitted on all of a run's volumes (so batch only: see
 * docs/ARCHITECTURE.md for why the live path offers neither).
 *
 * <ul>
 *   <li>Detrending removes each voxel's least-squares line over the volume index, mean included, as
 *       {@code scipy.signal.detrend(type="linear")} does.</li>
 *   <li>Z-scoring subtracts each voxel's mean and divides by its population standard deviation (ddof 0, as
 *       {@code scipy.stats.zscore}), after detrending when both are asked for.</li>
 *   <li>A voxel with no variance left (standard deviation at most 1e-12 of its root mean square) z-scores to 0
 *       rather than NaN, so a constant voxel does not turn every response of its ROI into a dead letter.</li>
 * </ul>
 * The statistics are centered co-moments of (volume index, value), updated one volume at a time, so a run is
 * streamed once to fit and once to apply, and a large baseline costs no precision.
 */
public final class RunNormalization {
  private static final double NO_VARIANCE = 1e-12;
  private final PairedMoments moments;
  private final double[] time;
  private int volumes;

  public RunNormalization(int voxels) {
    this.moments = new PairedMoments(voxels);
    this.time = new double[voxels];
  }

  /** What to do to a run; {@link #NONE} leaves the values as they are. */
  public record Options(boolean detrend, boolean zscore) {
    public static final Options NONE = new Options(false, false);

    public boolean any() {
      return detrend || zscore;
    }
  }

  /** Adds the next volume of the run (volume index = the number added before). */
  public void add(double[] volume) {
    Arrays.fill(time, volumes);
    moments.add(time, volume);
    volumes++;
  }

  public int volumes() {
    return volumes;
  }

  /** The per-voxel map from a volume of this run to its normalized values. */
  public Normalizer fit(Options options) {
    int voxels = moments.voxels();
    double[] offset = new double[voxels];
    double[] slope = new double[voxels];
    double[] scale = new double[voxels];
    double meanTime = volumes == 0 ? 0 : (volumes - 1) / 2.0;
    for (int v = 0; v < voxels; v++) {
      double mean = moments.meanObs()[v];
      double squares = moments.cOO()[v];
      if (options.detrend() && moments.cPP()[v] > 0) {
        slope[v] = moments.cPO()[v] / moments.cPP()[v];
        squares = Math.max(0, squares - slope[v] * moments.cPO()[v]);
      }
      boolean centre = options.detrend() || options.zscore();
      offset[v] = centre ? mean : 0;
      scale[v] = 1;
      if (options.zscore()) {
        double sd = Math.sqrt(squares / volumes);
        double rms = Math.sqrt(mean * mean + moments.cOO()[v] / volumes);
        scale[v] = sd > NO_VARIANCE * rms ? 1 / sd : 0;
      }
    }
    return new Normalizer(meanTime, offset, slope, scale);
  }

  /** value' = (value − offset − slope·(t − t̄)) · scale, per voxel. */
  public static final class Normalizer {
    private final double meanTime;
    private final double[] offset;
    private final double[] slope;
    private final double[] scale;

    private Normalizer(double meanTime, double[] offset, double[] slope, double[] scale) {
      this.meanTime = meanTime;
      this.offset = offset;
      this.slope = slope;
      this.scale = scale;
    }

    /** The normalized copy of volume {@code t} of the run. */
    public double[] apply(int t, double[] volume) {
      double[] out = new double[volume.length];
      double dt = t - meanTime;
      for (int v = 0; v < volume.length; v++) {
        out[v] = (volume[v] - offset[v] - slope[v] * dt) * scale[v];
      }
      return out;
    }
  }
}
