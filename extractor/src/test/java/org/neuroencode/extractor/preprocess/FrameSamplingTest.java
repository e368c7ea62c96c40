package org.neuroencode.extractor.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class FrameSamplingTest {
  /** numpy: linspace(0, 30, 23).astype(int), where an exact rational floor would give 15 at position 11. */
  @Test
  void shouldPickTheFramesNumpysLinspacePicks() {
    assertArrayEquals(new int[] {0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 16, 17, 19, 20, 21, 23, 24, 25, 27, 28, 30},
        FrameSampling.evenlySpaced(31, 23));
    assertArrayEquals(new int[] {0, 6, 13, 19, 26, 33, 39, 46, 52, 59, 66, 72, 79, 85, 92, 99},
        FrameSampling.evenlySpaced(100, 16));
  }
}
