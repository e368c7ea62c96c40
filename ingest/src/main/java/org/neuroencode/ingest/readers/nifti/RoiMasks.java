package org.neuroencode.ingest.readers.nifti;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * Which voxels make each ROI, from an integer label volume named by a "value&lt;TAB&gt;name" table, or from one
 * boolean (nonzero = in) mask volume per ROI. ROIs keep the order of the table or of the arguments; labels in
 * the volume that the table does not name (0, background, among them) are left out.
 */
public final class RoiMasks {
  private RoiMasks() {}

  public static List<RoiMask> fromLabels(Path labelVolume, Path labelNames) throws IOException {
    Map<Integer, String> names = labelNames(labelNames);
    List<RoiMask> rois = new ArrayList<>();
    for (Map.Entry<Integer, String> label : names.entrySet()) {
      RoiMask roi = read(labelVolume, label.getValue(), value -> value == label.getKey());
      if (roi.voxels().length == 0) {
        throw new IOException(labelVolume + ": label " + label.getKey() + " (" + label.getValue()
            + " in " + labelNames + ") has no voxels");
      }
      rois.add(roi);
    }
    return rois;
  }

  /** {@code masks} maps ROI name to its mask file. */
  public static List<RoiMask> fromMasks(Map<String, Path> masks) throws IOException {
    List<RoiMask> rois = new ArrayList<>();
    for (Map.Entry<String, Path> mask : masks.entrySet()) {
      RoiMask roi = read(mask.getValue(), mask.getKey(), value -> value != 0);
      if (roi.voxels().length == 0) {
        throw new IOException(mask.getValue() + ": mask of " + mask.getKey() + " selects no voxels");
      }
      rois.add(roi);
    }
    return rois;
  }

  /** Fails naming both files unless every mask has the data's 3-D shape. */
  public static void requireShape(List<RoiMask> rois, Map<String, Path> maskFiles, int[] shape, Path data)
      throws IOException {
    for (RoiMask roi : rois) {
      if (!Arrays.equals(roi.shape(), shape)) {
        throw new IOException(maskFiles.get(roi.name()) + ": mask shape " + NiftiHeader.format(roi.shape())
            + " differs from the volume's " + NiftiHeader.format(shape) + " in " + data);
      }
    }
  }

  private static RoiMask read(Path file, String name, DoublePredicate member) throws IOException {
    try (NiftiVolumes volumes = NiftiVolumes.open(file)) {
      if (volumes.header().volumes() != 1) {
        throw new IOException(file + ": a mask must be one 3-D volume, not " + NiftiHeader.format(volumes.header().shape()));
      }
      int[] shape = volumes.header().spatialShape();
      return new RoiMask(name, shape, RoiMask.select(volumes.next(), shape, member));
    }
  }

  private static Map<Integer, String> labelNames(Path file) throws IOException {
    Map<Integer, String> names = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\t");
      try {
        if (fields.length != 2 || names.put(Integer.parseInt(fields[0].strip()), fields[1].strip()) != null) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new IOException(file + ":" + (i + 1) + ": expected a new integer label, a tab and an ROI name, found '"
            + line + "'");
      }
    }
    if (names.isEmpty()) {
      throw new IOException(file + ": names no labels");
    }
    return names;
  }
}
