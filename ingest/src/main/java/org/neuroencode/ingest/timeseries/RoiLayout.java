package org.neuroencode.ingest.timeseries;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neuroencode.core.schema.DType;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.RoiSpec;
import org.neuroencode.ingest.readers.ResponseCubes;

/**
 * How a volume's ROI voxels are laid out in one vector: the ROIs one after the other, in this order, each in its
 * own voxel order. The windower averages such vectors; {@link #responses} cuts a mean back into per-ROI responses.
 */
public record RoiLayout(List<String> rois, int[] voxels) {

  public RoiLayout {
    rois = List.copyOf(rois);
    if (rois.isEmpty() || rois.size() != voxels.length) {
      throw new IllegalArgumentException("a layout needs one voxel count per ROI, and at least one ROI");
    }
    voxels = voxels.clone();
  }

  /** A subject's ROIs as the registry lists them. */
  public static RoiLayout of(List<RoiSpec> rois) {
    return new RoiLayout(rois.stream().map(RoiSpec::getName).toList(),
        rois.stream().mapToInt(RoiSpec::getVoxels).toArray());
  }

  public int total() {
    return Arrays.stream(voxels).sum();
  }

  /** One response per ROI, in the given dtype, with the window's event as stimulus and repetition. */
  public List<Response> responses(WindowedResponse windowed, String experimentId, String subjectId, DType dtype,
      String source, long acquiredAtMs) {
    List<Response> responses = new ArrayList<>(rois.size());
    int from = 0;
    for (int i = 0; i < rois.size(); i++) {
      double[] values = Arrays.copyOfRange(windowed.values(), from, from + voxels[i]);
      from += voxels[i];
      responses.add(ResponseCubes.response(experimentId, subjectId, windowed.event().stimulusId(), rois.get(i),
          windowed.event().repetition(), values, dtype, source, acquiredAtMs));
    }
    return responses;
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < rois.size(); i++) {
      parts.add(rois.get(i) + ":" + voxels[i]);
    }
    return String.join(", ", parts);
  }
}
