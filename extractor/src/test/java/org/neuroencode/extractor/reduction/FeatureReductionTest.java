package org.neuroencode.extractor.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureReductionTest {

  private static Activation random(long seed, int... shape) {
    int count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    float[] values = new float[count];
    Random random = new Random(seed);
    for (int i = 0; i < count; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return new Activation(values, shape);
  }

  @Test
  void shouldAveragePoolEachChannelOverTimeAndAGridCellAsAdaptivePooling() {
    Activation activation = random(1, 3, 2, 5, 7); // C, T, H, W
    double[] pooled = new SpatialPooling(2).reduce(activation);
    assertEquals(3 * 2 * 2, pooled.length);
    // channel 2, cell (1, 0): rows floor(5/2)=2 .. ceil(10/2)=5, columns 0 .. ceil(7/2)=4, both frames
    double sum = 0;
    for (int t = 0; t < 2; t++) {
      for (int r = 2; r < 5; r++) {
        for (int c = 0; c < 4; c++) {
          sum += activation.values()[((2 * 2 + t) * 5 + r) * 7 + c];
        }
      }
    }
    assertEquals(sum / (2 * 3 * 4), pooled[(2 * 2 + 1) * 2], 1e-9);
  }

  @Test
  void shouldAverageATransformersTokensAndKeepAVector() {
    Activation tokens = new Activation(new float[] {1, 2, 3, 5, 7, 11}, new int[] {3, 2});
    assertArrayEquals(new double[] {11 / 3.0, 6}, new SpatialPooling(2).reduce(tokens), 1e-12);
    Activation vector = new Activation(new float[] {4, 5}, new int[] {2});
    assertArrayEquals(new double[] {4, 5}, new SpatialPooling(3).reduce(vector), 0);
  }

  @Test
  void shouldKeepAShortSideWhole() {
    Activation thin = random(2, 1, 1, 9);
    assertEquals(3, new SpatialPooling(3).reduce(thin).length);
  }

  @Test
  void shouldProjectTheSameWayForTheSameSeedAndDifferentlyForAnother() {
    Activation activation = random(3, 64, 8, 8);
    double[] first = new SparseRandomProjection(100, 5).reduce(activation);
    double[] again = new SparseRandomProjection(100, 5).reduce(activation);
    double[] other = new SparseRandomProjection(100, 6).reduce(activation);
    assertArrayEquals(first, again, 0);
    assertFalse(Arrays.equals(first, other));
  }

  @Test
  void shouldPreserveSquaredNormsInExpectation() {
    // E||Rx||^2 = ||x||^2 for the scaled very sparse projection; with K = 2000 the spread is about 3%
    Activation activation = random(4, 4096);
    double norm = 0;
    for (float v : activation.values()) {
      norm += v * v;
    }
    double[] projected = new SparseRandomProjection(2000, 11).reduce(activation);
    double projectedNorm = Arrays.stream(projected).map(v -> v * v).sum();
    assertEquals(1, projectedNorm / norm, 0.12);
  }

  @Test
  void shouldParseTheReductionOptions() {
    assertEquals("pool:2", FeatureReduction.parse("pool").describe());
    assertEquals("pool:4", FeatureReduction.parse("pool:4").describe());
    assertEquals("project:512:3", FeatureReduction.parse("project:512:3").describe());
    assertEquals("none", FeatureReduction.parse("none").describe());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureReduction.parse("max:2"));
    assertTrue(e.getMessage().contains("--reduction"));
  }
}
