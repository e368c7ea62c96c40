package org.neuroencode.ingest.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neuroencode.core.math.Pearson;

class GroundTruthTest {
  private static final int STIMULI = 400;
  private static final int FEATURES = 40;

  @Test
  void shouldHitEachRoisTargetAchievableR() {
    GroundTruth truth = new GroundTruth(spec(), drivers(3));
    for (SubjectRoiTruth cell : truth.cells()) {
      RoiPlan plan = spec().rois().stream().filter(r -> r.name().equals(cell.roi())).findFirst().orElseThrow();
      assertEquals(plan.achievableR(), cell.meanAchievableR(), 0.06, cell.roi());
    }
  }

  @Test
  void shouldGiveNullVoxelsNoSignalAndTheNullFraction() {
    GroundTruth truth = new GroundTruth(spec(), drivers(3));
    for (SubjectRoiTruth cell : truth.cells()) {
      assertEquals(Math.round(cell.voxels() * 0.2), cell.nullVoxels(), cell.roi());
      for (int j = 0; j < cell.voxels(); j++) {
        if (cell.isNull()[j]) {
          for (double[] row : cell.signal()) {
            assertEquals(0.0, row[j]);
          }
        }
      }
    }
  }

  /** The noise must be independent across stimuli: correlated draws would fake signal or bias null scores. */
  @Test
  void shouldDrawNoiseThatIsUncorrelatedAcrossNeighbouringStimuli() {
    GroundTruth truth = new GroundTruth(spec(), drivers(3));
    SubjectRoiTruth cell = truth.cells().get(0);
    int voxel = firstNull(cell);
    double[] a = new double[STIMULI - 1];
    double[] b = new double[STIMULI - 1];
    for (int s = 0; s < STIMULI - 1; s++) {
      a[s] = truth.response(cell, s, 0)[voxel];
      b[s] = truth.response(cell, s + 1, 0)[voxel];
    }
    assertTrue(Math.abs(Pearson.pearson(a, b)) < 3 / Math.sqrt(STIMULI), "lag-1 correlation " + Pearson.pearson(a, b));
    double[] rep0 = new double[STIMULI];
    double[] rep1 = new double[STIMULI];
    for (int s = 0; s < STIMULI; s++) {
      rep0[s] = truth.response(cell, s, 0)[voxel];
      rep1[s] = truth.response(cell, s, 1)[voxel];
    }
    assertTrue(Math.abs(Pearson.pearson(rep0, rep1)) < 3 / Math.sqrt(STIMULI), "repetition correlation of a null voxel");
  }

  @Test
  void shouldBeDeterministic() {
    GroundTruth one = new GroundTruth(spec(), drivers(3));
    GroundTruth two = new GroundTruth(spec(), drivers(3));
    assertArrayEquals(one.response(one.cells().get(4), 17, 2), two.response(two.cells().get(4), 17, 2));
    assertArrayEquals(one.cells().get(4).weights(), two.cells().get(4).weights());
  }

  private static int firstNull(SubjectRoiTruth cell) {
    for (int j = 0; j < cell.voxels(); j++) {
      if (cell.isNull()[j]) {
        return j;
      }
    }
    throw new AssertionError("no null voxel");
  }

  private static SyntheticSpec spec() {
    return SyntheticSpec.defaults("gt", STIMULI, 1, Truth.HIDDEN, 11);
  }

  private static double[][] drivers(long seed) {
    Random random = new Random(seed);
    double[][] x = new double[STIMULI][FEATURES];
    for (double[] row : x) {
      for (int i = 0; i < FEATURES; i++) {
        row[i] = random.nextGaussian() * (1 + i % 5);
      }
    }
    return x;
  }
}
