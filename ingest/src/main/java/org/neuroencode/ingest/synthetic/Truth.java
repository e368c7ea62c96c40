package org.neuroencode.ingest.synthetic;

/** Which stimulus features the synthetic voxels really read out. */
public enum Truth {
  /** The project's own motion-energy features: a plumbing check, where the encoder can reach the achievable r. */
  MOTION_ENERGY,
  /** Features of the generator's own stimulus parameters, which the encoder never sees: like a real brain. */
  HIDDEN,
  /**
   * No stimulus-driven signal at all: every voxel is a null voxel, and the responses are offsets plus the
   * correlated noise (the same noise as {@link #HIDDEN} with the same seed). The null for leakage tests.
   */
  NULL;

  public static Truth parse(String text) {
    return switch (text.toLowerCase().replace('_', '-')) {
      case "motion-energy" -> MOTION_ENERGY;
      case "hidden" -> HIDDEN;
      case "null" -> NULL;
      default -> throw new IllegalArgumentException("--truth must be motion-energy, hidden or null, not '" + text + "'");
    };
  }

  public String label() {
    return switch (this) {
      case MOTION_ENERGY -> "motion-energy";
      case HIDDEN -> "hidden";
      case NULL -> "null";
    };
  }

  /** Whether any voxel carries a signal from the stimulus. */
  public boolean stimulusDriven() {
    return this != NULL;
  }
}
