package org.neuroencode.extractor.preprocess;

import java.util.ArrayList;
import java.util.List;
import org.neuroencode.extractor.catalogue.InputSpec;
import org.neuroencode.extractor.video.ColourVideo;
import org.neuroencode.extractor.video.DecodeOptions;
import org.neuroencode.extractor.video.VideoCodec;
import org.neuroencode.extractor.video.VideoDecodeException;

/**
 * A model's video preprocessing: decode to RGB resized (shorter side to {@code size}, or exactly
 * {@code size x size}), sample the clip's frames, centre-crop, normalise, and lay out the tensors (see
 * {@link ClipShapes}). Stateless and thread-safe.
 */
public final class ClipPreprocessor {
  private final InputSpec input;
  private final Normalization normalization;

  public ClipPreprocessor(InputSpec input) {
    this.input = input;
    this.normalization = Normalization.parse(input.normalization());
  }

  public InputSpec input() {
    return input;
  }

  public List<ClipTensor> prepare(byte[] video) throws VideoDecodeException {
    DecodeOptions options = input.exactResize() ? DecodeOptions.ofSize(input.size(), input.size())
        : DecodeOptions.ofShorterSide(input.size());
    return prepare(VideoCodec.decodeColour(video, options));
  }

  /** The clip of a decoded video already at the model's resize; too short a video is a VideoDecodeException. */
  public List<ClipTensor> prepare(ColourVideo video) throws VideoDecodeException {
    int[] frames;
    try {
      frames = input.frameStride() == null ? FrameSampling.evenlySpaced(video.frameCount(), input.frames())
          : FrameSampling.strided(video.frameCount(), input.frames(), input.frameStride());
    } catch (FrameSampling.TooShortException e) {
      throw new VideoDecodeException(e.getMessage());
    }
    if (input.imageModel()) {
      return List.of(images(video, frames));
    }
    List<ClipTensor> pathways = new ArrayList<>();
    if (input.twoPathways()) {
      pathways.add(clip(video, FrameSampling.everyNth(frames, input.slowFast().alpha())));
    }
    pathways.add(clip(video, frames));
    return pathways;
  }

  /** [3, T, crop, crop]. */
  private ClipTensor clip(ColourVideo video, int[] frames) {
    int side = input.crop();
    int plane = side * side;
    float[] values = new float[3 * frames.length * plane];
    for (int t = 0; t < frames.length; t++) {
      for (int channel = 0; channel < 3; channel++) {
        cropInto(video, frames[t], channel, values, (channel * frames.length + t) * plane);
      }
    }
    return new ClipTensor(values, new int[] {3, frames.length, side, side});
  }

  /** [T, 3, crop, crop]: the frames as a batch of images. */
  private ClipTensor images(ColourVideo video, int[] frames) {
    int side = input.crop();
    int plane = side * side;
    float[] values = new float[frames.length * 3 * plane];
    for (int t = 0; t < frames.length; t++) {
      for (int channel = 0; channel < 3; channel++) {
        cropInto(video, frames[t], channel, values, (t * 3 + channel) * plane);
      }
    }
    return new ClipTensor(values, new int[] {frames.length, 3, side, side});
  }

  /** The centred crop x crop square of one channel of one frame, normalised, written at {@code offset}. */
  private void cropInto(ColourVideo video, int frame, int channel, float[] out, int offset) {
    int side = input.crop();
    // torchvision's CenterCrop: int(round(margin / 2)), Python rounding half to even
    int top = (int) Math.rint((video.height() - side) / 2.0);
    int left = (int) Math.rint((video.width() - side) / 2.0);
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        out[offset + r * side + c] = normalization.apply(channel, video.pixel(frame, channel, top + r, left + c));
      }
    }
  }
}
