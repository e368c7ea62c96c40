package org.neuroencode.core.ids;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Cross-validation fold of a stimulus: a stable hash of its id, the same in every process and on replay. */
public final class Folds {
  private Folds() {}

  public static int of(String stimulusId, int folds) {
    CRC32 crc = new CRC32();
    crc.update(stimulusId.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % folds);
  }
}
