package org.neuroencode.ingest.timeseries;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.neuroencode.ingest.readers.nifti.NiftiVolumes;
import org.neuroencode.ingest.readers.nifti.RoiMask;
import org.neuroencode.ingest.readers.nifti.Volume;

/**
 * The batch path of a scanner run: a 4-D NIfTI BOLD series read one volume at a time, its ROI voxels optionally
 * detrended and z-scored over the run, through the same {@link ResponseWindower} the live service uses.
 * With normalization the file is read twice (once to fit it), so memory stays one volume plus the open windows.
 */
public final class BoldRun {
  /** Receives each response as its window completes. */
  @FunctionalInterface
  public interface Sink {
    void accept(WindowedResponse response) throws IOException;
  }

  /** What a run gave: its volume count, the responses emitted and the events whose window runs past the end. */
  public record Result(int volumes, int responses, List<StimulusEvent> pastTheEnd) {}

  private BoldRun() {}

  /**
   * The TR in seconds: {@code override} when positive, otherwise the header's pixdim[4] in its time unit.
   *
   * @throws IOException naming the file when neither gives one
   */
  public static double repetitionSeconds(Path bold, double override) throws IOException {
    if (override > 0) {
      return override;
    }
    return NiftiVolumes.readHeader(bold).repetitionSeconds().orElseThrow(() -> new IOException(bold
        + ": the header gives no TR (pixdim[4] is not a positive time); give it with --tr"));
  }

  public static Result process(Path bold, List<RoiMask> rois, List<StimulusEvent> events, TrWindow window,
      double trSeconds, RunNormalization.Options normalization, Sink sink) throws IOException {
    int voxels = rois.stream().mapToInt(roi -> roi.voxels().length).sum();
    RunNormalization.Normalizer normalizer = null;
    if (normalization.any()) {
      RunNormalization fit = new RunNormalization(voxels);
      try (NiftiVolumes volumes = open(bold, rois)) {
        while (volumes.hasNext()) {
          fit.add(finite(select(volumes.next(), rois, voxels), bold, fit.volumes()));
        }
      }
      normalizer = fit.fit(normalization);
    }
    ResponseWindower windower = new ResponseWindower(events, window, trSeconds, voxels);
    int t = 0;
    int emitted = 0;
    try (NiftiVolumes volumes = open(bold, rois)) {
      for (; volumes.hasNext(); t++) {
        double[] values = finite(select(volumes.next(), rois, voxels), bold, t);
        for (WindowedResponse response : windower.accept(t, normalizer == null ? values : normalizer.apply(t, values))) {
          sink.accept(response);
          emitted++;
        }
      }
    }
    return new Result(t, emitted, windower.pending());
  }

  private static NiftiVolumes open(Path bold, List<RoiMask> rois) throws IOException {
    NiftiVolumes volumes = NiftiVolumes.open(bold);
    int[] shape = volumes.header().spatialShape();
    for (RoiMask roi : rois) {
      if (!java.util.Arrays.equals(roi.shape(), shape)) {
        volumes.close();
        throw new IOException(bold + ": volume shape " + java.util.Arrays.toString(shape) + " differs from the "
            + java.util.Arrays.toString(roi.shape()) + " of ROI " + roi.name() + "'s mask");
      }
    }
    return volumes;
  }

  /** The ROIs' voxels one after the other, as {@link RoiLayout} lays them out. */
  static double[] select(Volume volume, List<RoiMask> rois, int voxels) {
    double[] values = new double[voxels];
    int at = 0;
    for (RoiMask roi : rois) {
      double[] part = volume.select(roi.voxels());
      System.arraycopy(part, 0, values, at, part.length);
      at += part.length;
    }
    return values;
  }

  private static double[] finite(double[] values, Path bold, int t) throws IOException {
    for (int v = 0; v < values.length; v++) {
      if (!Double.isFinite(values[v])) {
        throw new IOException(bold + ": volume " + t + " has a non-finite value (" + values[v] + ") at ROI voxel " + v);
      }
    }
    return values;
  }
}
