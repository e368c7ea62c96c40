package org.neuroencode.ingest.readers.nifti;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuroencode.core.schema.DType;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.Split;
import org.neuroencode.ingest.readers.ResponseCubes;

/**
 * Turns a volume series, its events and ROI masks into the registry entry and the responses. Responses are
 * handed over volume by volume rather than returned as a cube (as {@link ResponseCubes#responses} does), so a
 * series larger than the heap streams straight to the publisher.
 */
public final class NiftiResponses {
  /** Receives every response as soon as its volume is read. */
  @FunctionalInterface
  public interface Sink {
    void accept(Response response) throws IOException;
  }

  private NiftiResponses() {}

  public static Experiment experiment(String experimentId, String subjectId, List<RoiMask> rois, NiftiEvents events,
      String source) {
    Map<String, Integer> voxels = new LinkedHashMap<>();
    rois.forEach(roi -> voxels.put(roi.name(), roi.voxels().length));
    return ResponseCubes.experiment(experimentId, "NIfTI responses from " + source, Map.of(subjectId, voxels),
        events.stimuli(), events.repetitions(Split.TRAIN), events.repetitions(Split.TEST), Map.of("source", source));
  }

  /** Fails unless the series, the events and the masks agree; call before registering anything. */
  public static void check(VolumeSeries series, NiftiEvents events, List<RoiMask> rois, Map<String, Path> maskFiles)
      throws IOException {
    RoiMasks.requireShape(rois, maskFiles, series.spatialShape(), series.source());
    if (series.count() != events.events().size()) {
      throw new IOException(series.source() + ": " + series.count() + " volumes but the events list "
          + events.events().size());
    }
  }

  /** Every (stimulus, repetition, ROI) response, float64 data as float64 and everything else as float32. */
  public static long publish(VolumeSeries series, NiftiEvents events, List<RoiMask> rois, String experimentId,
      String subjectId, Sink sink) throws IOException {
    DType dtype = series.datatype() == NiftiDatatype.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
    long sent = 0;
    for (NiftiEvents.Event event : events.events()) {
      Volume volume = series.next();
      long now = System.currentTimeMillis();
      for (RoiMask roi : rois) {
        sink.accept(ResponseCubes.response(experimentId, subjectId, event.stimulus(), roi.name(), event.repetition(),
            volume.select(roi.voxels()), dtype, series.currentFile().getFileName().toString(), now));
        sent++;
      }
    }
    return sent;
  }
}
