package org.neuroencode.core.ids;

/** One encoding cell: a ridge model per (experiment, subject, model, layer, ROI). */
public record CellKey(String experimentId, String subjectId, String model, String layer, String roi) {

  public static CellKey parse(String key) {
    String[] parts = Ids.split(key);
    if (parts.length < 5) {
      throw new IllegalArgumentException("cell key '" + key + "' does not have 5 parts");
    }
    return new CellKey(parts[0], parts[1], parts[2], parts[3], parts[4]);
  }

  @Override
  public String toString() {
    return Ids.join(experimentId, subjectId, model, layer, roi);
  }

  /** A key below this cell, such as a stimulus or a variant. */
  public String child(String part) {
    return toString() + Ids.SEPARATOR + part;
  }
}
