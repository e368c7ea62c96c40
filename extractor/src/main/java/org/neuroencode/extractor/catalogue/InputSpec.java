package org.neuroencode.extractor.catalogue;

/**
 * How a video becomes a network's input.
 *
 * @param layout NCTHW (a video network: one clip tensor) or NCHW (an image network: every sampled frame is an
 *     image, and each layer's activations are averaged over the frames, as in the Algonauts devkit)
 * @param frames frames sampled per clip (for SlowFast: the fast pathway's)
 * @param frameStride null for {@code frames} evenly spaced frames over the whole video; else the network's
 *     native clip: {@code frames} frames {@code frameStride} apart, centred in the video
 * @param size the shorter side is resized to this (or both sides, with resize "exact")
 * @param crop side of the centre crop
 * @param normalization imagenet, kinetics or none
 * @param slowFast two pathways, or null
 * @param resize "shorter-side" (default: keep the aspect ratio) or "exact" (size x size, as the devkit)
 */
public record InputSpec(String layout, Integer frames, Integer frameStride, int size, int crop,
    String normalization, SlowFast slowFast, String resize) {

  public static final String NCTHW = "NCTHW";
  public static final String NCHW = "NCHW";

  public InputSpec {
    layout = layout == null ? NCTHW : layout.toUpperCase();
    normalization = normalization == null ? "none" : normalization.toLowerCase();
    resize = resize == null ? "shorter-side" : resize.toLowerCase();
  }

  /** SlowFast's two pathways: the slow one sees every {@code alpha}-th frame of the fast one. */
  public record SlowFast(int alpha) {}

  public boolean imageModel() {
    return NCHW.equals(layout);
  }

  public boolean twoPathways() {
    return slowFast != null;
  }

  public boolean exactResize() {
    return "exact".equals(resize);
  }

  /** Frames the video must have at least. */
  public int framesNeeded() {
    return frameStride == null ? frames : (frames - 1) * frameStride + 1;
  }
}
