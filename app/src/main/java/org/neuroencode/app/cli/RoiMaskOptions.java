package org.neuroencode.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.ingest.readers.nifti.RoiMask;
import org.neuroencode.ingest.readers.nifti.RoiMasks;
import picocli.CommandLine.Option;

/** How the NIfTI commands select each ROI's voxels: a label volume with its names, or one mask per ROI. */
public final class RoiMaskOptions {
  @Option(names = "--labels", description = "An integer label volume.") Path labels;
  @Option(names = "--label-names", description = "TSV of the labels to publish: value<TAB>ROI name.") Path labelNames;
  @Option(names = "--mask", paramLabel = "NAME=FILE", description = "A boolean mask volume per ROI. Repeatable.")
  Map<String, Path> masks = new LinkedHashMap<>();

  /** The ROIs in the order of the label table or of the --mask options. */
  List<RoiMask> read() throws IOException {
    if ((labels == null) != (labelNames == null) || (labels == null) == masks.isEmpty()) {
      throw new IllegalArgumentException("give either --labels with --label-names, or --mask NAME=FILE per ROI");
    }
    List<RoiMask> rois = labels != null ? RoiMasks.fromLabels(labels, labelNames) : RoiMasks.fromMasks(masks);
    for (RoiMask roi : rois) {
      Ids.require("ROI name", roi.name());
    }
    return rois;
  }

  /** Which file each ROI came from, for error messages. */
  Map<String, Path> files(List<RoiMask> rois) {
    Map<String, Path> files = new LinkedHashMap<>(masks);
    rois.forEach(roi -> files.putIfAbsent(roi.name(), labels));
    return files;
  }
}
