package org.neuroencode.extractor.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuroencode.extractor.catalogue.InputSpec;
import org.neuroencode.extractor.video.ColourVideo;
import org.neuroencode.extractor.video.VideoDecodeException;

class ClipPreprocessorTest {

  /** Frame t has every pixel of channel c at (t + 1) / 100 + c / 10, except a marker at the crop's corner. */
  private static ColourVideo numbered(int frames, int width, int height) {
    float[][] data = new float[frames][3 * width * height];
    for (int t = 0; t < frames; t++) {
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < width * height; i++) {
          data[t][c * width * height + i] = (t + 1) / 100f + c / 10f;
        }
      }
    }
    return new ColourVideo(width, height, 30, data);
  }

  @Test
  void shouldSampleEvenlySpacedFramesIncludingTheFirstAndLastAsTheDevkit() {
    // the values of numpy's linspace(0, n - 1, count).astype(int)
    assertArrayEquals(new int[] {0, 3, 6, 9}, FrameSampling.evenlySpaced(10, 4));
    assertArrayEquals(new int[] {0, 1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19, 20, 22},
        FrameSampling.evenlySpaced(23, 16));
  }

  @Test
  void shouldCentreANativeStridedClip() {
    assertArrayEquals(new int[] {4, 6, 8, 10}, FrameSampling.strided(16, 4, 2));
    assertThrows(FrameSampling.TooShortException.class, () -> FrameSampling.strided(6, 4, 2));
  }

  @Test
  void shouldLayOutAVideoClipAsChannelsTimeHeightWidthWithKineticsNormalisation() throws Exception {
    InputSpec input = new InputSpec("NCTHW", 4, null, 8, 4, "kinetics", null, null);
    List<ClipTensor> clip = new ClipPreprocessor(input).prepare(numbered(10, 8, 8));
    assertEquals(1, clip.size());
    assertArrayEquals(new int[] {3, 4, 4, 4}, clip.get(0).shape());
    // channel 1 (green), clip frame 2 = video frame 6
    float expected = Normalization.KINETICS.apply(1, 7 / 100f + 1 / 10f);
    assertEquals(expected, clip.get(0).values()[(1 * 4 + 2) * 16 + 5], 1e-6);
    assertEquals((0.07f + 0.1f - 0.394666f) / 0.22145f, expected, 1e-5);
  }

  @Test
  void shouldLayOutAnImageModelsFramesAsABatchOfImages() throws Exception {
    InputSpec input = new InputSpec("NCHW", 2, null, 8, 8, "imagenet", null, null);
    ClipTensor frames = new ClipPreprocessor(input).prepare(numbered(5, 8, 8)).get(0);
    assertArrayEquals(new int[] {2, 3, 8, 8}, frames.shape());
    // second image (video frame 4), blue channel
    assertEquals(Normalization.IMAGENET.apply(2, 0.05f + 0.2f), frames.values()[(1 * 3 + 2) * 64], 1e-6);
  }

  @Test
  void shouldGiveSlowFastTheSlowPathwayAtAQuarterOfTheFastFrameRate() throws Exception {
    InputSpec input = new InputSpec("NCTHW", 8, null, 4, 4, "none", new InputSpec.SlowFast(4), null);
    List<ClipTensor> pathways = new ClipPreprocessor(input).prepare(numbered(8, 4, 4));
    assertArrayEquals(new int[] {3, 2, 4, 4}, pathways.get(0).shape());
    assertArrayEquals(new int[] {3, 8, 4, 4}, pathways.get(1).shape());
    // slow frames are fast frames 0 and 7 (the first and last, evenly spread)
    assertEquals(0.01f, pathways.get(0).values()[0], 1e-6);
    assertEquals(0.08f, pathways.get(0).values()[16], 1e-6);
    assertEquals(0.02f, pathways.get(1).values()[16], 1e-6);
  }

  @Test
  void shouldCropTheCentre() throws Exception {
    float[][] data = new float[1][3 * 6 * 4];
    data[0][1 * 6 + 1] = 1f; // red at row 1, column 1: the crop's top-left corner
    InputSpec input = new InputSpec("NCHW", 1, null, 4, 2, "none", null, null);
    ClipTensor crop = new ClipPreprocessor(input).prepare(new ColourVideo(6, 4, 30, data)).get(0);
    assertEquals(0f, crop.values()[0]);
    data[0][1 * 6 + 2] = 1f; // row 1, column 2: inside the centred 2x2 crop (rows 1-2, columns 2-3)
    crop = new ClipPreprocessor(input).prepare(new ColourVideo(6, 4, 30, data)).get(0);
    assertEquals(1f, crop.values()[0]);
  }

  @Test
  void shouldRejectAVideoTooShortForTheClipNamingTheCounts() {
    InputSpec input = new InputSpec("NCTHW", 16, null, 4, 4, "none", null, null);
    VideoDecodeException e = assertThrows(VideoDecodeException.class,
        () -> new ClipPreprocessor(input).prepare(numbered(5, 4, 4)));
    assertTrue(e.getMessage().contains("5 frames") && e.getMessage().contains("16"), e.getMessage());
  }
}
