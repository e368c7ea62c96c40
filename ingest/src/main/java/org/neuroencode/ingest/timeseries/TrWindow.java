package org.neuroencode.ingest.timeseries;

/**
 * Which volumes after a stimulus onset make its response, as volume offsets {@code first..last} (inclusive) from
 * the onset volume. The default 5-9 is BOLD Moments' "TRavg-56789".
 *
 * <p>Volume k is acquired over [k·TR, (k+1)·TR), with time 0 the start of the run's first volume (BIDS onsets).
 * The onset volume is the one whose interval contains the onset, {@code floor(onset / TR)}; onsets within
 * {@link #ONSET_TOLERANCE} of a TR boundary count as on it, so an onset written as 5.9999999 for 6 s at TR 2 s
 * lands on volume 3, not 2. The response of an event is then the mean of volumes
 * {@code onsetVolume + first .. onsetVolume + last}.
 */
public record TrWindow(int first, int last) {
  public static final TrWindow BOLD_MOMENTS = new TrWindow(5, 9);
  /** In units of TR: well above decimal rounding of onsets, far below any real jitter. */
  static final double ONSET_TOLERANCE = 1e-6;

  public TrWindow {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("a TR window needs 0 <= first <= last, not " + first + "-" + last);
    }
  }

  /** "5-9", or "6" for a single volume. */
  public static TrWindow parse(String text) {
    String[] bounds = text.strip().split("-", -1);
    try {
      if (bounds.length == 1) {
        int only = Integer.parseInt(bounds[0].strip());
        return new TrWindow(only, only);
      }
      if (bounds.length == 2) {
        return new TrWindow(Integer.parseInt(bounds[0].strip()), Integer.parseInt(bounds[1].strip()));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("TR window '" + text + "' is not FIRST-LAST (e.g. 5-9) or a single TR");
  }

  public int length() {
    return last - first + 1;
  }

  /** The volume whose acquisition interval contains the onset. */
  public static int onsetVolume(double onsetSeconds, double trSeconds) {
    if (!(onsetSeconds >= 0) || !(trSeconds > 0) || Double.isInfinite(onsetSeconds) || Double.isInfinite(trSeconds)) {
      throw new IllegalArgumentException("onset " + onsetSeconds + " s at TR " + trSeconds
          + " s: the onset must be finite and non-negative and the TR positive");
    }
    double volumes = Math.floor(onsetSeconds / trSeconds + ONSET_TOLERANCE);
    if (volumes > Integer.MAX_VALUE - 1_000_000) {
      throw new IllegalArgumentException("onset " + onsetSeconds + " s is " + volumes + " volumes into the run");
    }
    return (int) volumes;
  }

  public int firstVolume(double onsetSeconds, double trSeconds) {
    return onsetVolume(onsetSeconds, trSeconds) + first;
  }

  public int lastVolume(double onsetSeconds, double trSeconds) {
    return onsetVolume(onsetSeconds, trSeconds) + last;
  }

  @Override
  public String toString() {
    return first + "-" + last;
  }
}
