package org.neuroencode.core.ids;

/**
 * One encoding cell: a ridge model per (experiment, subject, model, layer, ROI, voxel block). Large
 * ROIs are split into blocks of voxels so that every cell's state stays bounded; a small ROI is block 0.
 */
public record CellKey(String experimentId, String subjectId, String model, String layer, String roi, int block) {
  private static final int PARTS = 6;

  public static CellKey parse(String key) {
    String[] parts = Ids.split(key);
    if (parts.length < PARTS) {
      throw new IllegalArgumentException("cell key '" + key + "' does not have " + PARTS + " parts");
    }
    return new CellKey(parts[0], parts[1], parts[2], parts[3], parts[4], Integer.parseInt(parts[5]));
  }

  @Override
  public String toString() {
    return Ids.join(roiKey(), String.valueOf(block));
  }

  /** The key of the whole ROI, shared by its blocks: experimentId/subjectId/model/layer/roi. */
  public String roiKey() {
    return Ids.join(experimentId, subjectId, model, layer, roi);
  }

  /** A key below this cell, such as a stimulus. */
  public String child(String part) {
    return toString() + Ids.SEPARATOR + part;
  }
}
