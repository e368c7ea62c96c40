package org.neuroencode.encoder.connectivity;

import java.util.Locale;

/** Which stage-1 predictions feed a target ROI's stage 2. */
public enum Variant {
  /** Stage 1 alone: no stage 2. */
  BASE,
  /** The target ROI's own stage-1 predictions. */
  INTRA,
  /** Every other ROI's stage-1 predictions. */
  INTER,
  /** All ROIs, the target's own included. */
  FULL;

  /** The name used in score keys and reports. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
