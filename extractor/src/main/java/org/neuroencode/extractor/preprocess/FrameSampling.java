package org.neuroencode.extractor.preprocess;

/**
 * Which frames of a video make a clip: {@code count} evenly spaced frames over the whole video (the first
 * and last included, as numpy's {@code linspace(0, n - 1, count).astype(int)} in the Algonauts devkit), or
 * a network's native clip of {@code count} frames {@code stride} apart, centred in the video.
 */
public final class FrameSampling {
  private FrameSampling() {}

  public static int[] evenlySpaced(int available, int count) {
    requireEnough(available, count);
    int[] indices = new int[count];
    // as numpy: the step in floating point, i·step truncated, and the last index exactly n − 1 (an exact
    // rational floor differs for some counts, e.g. 31 frames, 23 samples)
    double step = count == 1 ? 0 : (double) (available - 1) / (count - 1);
    for (int i = 0; i < count; i++) {
      indices[i] = (int) (i * step);
    }
    if (count > 1) {
      indices[count - 1] = available - 1;
    }
    return indices;
  }

  public static int[] strided(int available, int count, int stride) {
    int span = (count - 1) * stride + 1;
    requireEnough(available, span);
    int start = (available - span) / 2;
    int[] indices = new int[count];
    for (int i = 0; i < count; i++) {
      indices[i] = start + i * stride;
    }
    return indices;
  }

  /** Every {@code alpha}-th of the given frames, evenly spread: SlowFast's slow pathway. */
  public static int[] everyNth(int[] frames, int alpha) {
    int[] slow = new int[frames.length / alpha];
    int[] picks = evenlySpaced(frames.length, slow.length);
    for (int i = 0; i < slow.length; i++) {
      slow[i] = frames[picks[i]];
    }
    return slow;
  }

  private static void requireEnough(int available, int needed) {
    if (available < needed) {
      throw new TooShortException(available, needed);
    }
  }

  /** The video has fewer frames than the clip needs. */
  public static final class TooShortException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    TooShortException(int available, int needed) {
      super("video too short: it has " + available + " frames and the clip needs " + needed);
    }
  }
}
