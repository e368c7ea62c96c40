package org.neuroencode.ingest.synthetic;

/** Which stimulus features the synthetic voxels really read out. */
public enum Truth {
  /** The project's own motion-energy features: a plumbing check, where the encoder can reach the achievable r. */
  MOTION_ENERGY,
  /** Features of the generator's own stimulus parameters, which the encoder never sees: like a real brain. */
  HIDDEN;

  public static Truth parse(String text) {
    return switch (text.toLowerCase().replace('_', '-')) {
      case "motion-energy" -> MOTION_ENERGY;
      case "hidden" -> HIDDEN;
      default -> throw new IllegalArgumentException("--truth must be motion-energy or hidden, not '" + text + "'");
    };
  }

  public String label() {
    return this == MOTION_ENERGY ? "motion-energy" : "hidden";
  }
}
