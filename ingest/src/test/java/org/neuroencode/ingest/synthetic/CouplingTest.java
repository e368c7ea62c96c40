package org.neuroencode.ingest.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CouplingTest {
  private static final List<String> ROIS = RoiPlan.algonautsDefaults(1).stream().map(RoiPlan::name).toList();

  @Test
  void shouldBeASparseAsymmetricHierarchyOverTheNineRois() {
    double[][] c = Coupling.cortical(ROIS, 1).matrix();
    assertEquals(9, c.length);
    int edges = 0;
    for (int s = 0; s < 9; s++) {
      assertEquals(9, c[s].length);
      assertEquals(0.0, c[s][s], "no self-coupling of " + ROIS.get(s));
      for (int t = 0; t < 9; t++) {
        if (c[s][t] != 0) {
          edges++;
          assertNotEquals(c[s][t], c[t][s], ROIS.get(s) + " and " + ROIS.get(t) + " are coupled symmetrically");
        }
      }
    }
    assertEquals(11, edges, "7 feedforward and 4 feedback edges of 72 possible");
    for (String[] edge : new String[][] {{"V1", "V2"}, {"V2", "V3"}, {"V3", "V4"}, {"V4", "LOC"}, {"LOC", "EBA"},
        {"LOC", "FFA"}, {"LOC", "STS"}}) {
      assertEquals(Coupling.FEEDFORWARD, c[ROIS.indexOf(edge[0])][ROIS.indexOf(edge[1])], edge[0] + "->" + edge[1]);
    }
    for (String[] edge : new String[][] {{"V2", "V1"}, {"V3", "V2"}, {"V4", "V3"}, {"LOC", "V4"}}) {
      double feedback = c[ROIS.indexOf(edge[0])][ROIS.indexOf(edge[1])];
      assertTrue(feedback > 0 && feedback < c[ROIS.indexOf(edge[1])][ROIS.indexOf(edge[0])],
          edge[0] + "->" + edge[1] + " is weaker feedback");
    }
    int ppa = ROIS.indexOf("PPA");
    for (int r = 0; r < 9; r++) {
      assertEquals(0.0, c[ppa][r] + c[r][ppa], "PPA is the uncoupled control");
    }
  }

  @Test
  void shouldScaleEveryWeightWithTheStrengthAndVanishAtZero() {
    Coupling half = Coupling.cortical(ROIS, 0.5);
    Coupling none = half.withStrength(0);
    for (int s = 0; s < 9; s++) {
      for (int t = 0; t < 9; t++) {
        assertEquals(0.5 * half.base()[s][t], half.matrix()[s][t]);
        assertEquals(0.0, none.matrix()[s][t]);
      }
    }
    assertEquals(List.of(ROIS.indexOf("V1"), ROIS.indexOf("V3")), none.sources(ROIS.indexOf("V2")),
        "the structure stays known at strength 0");
  }

  @Test
  void shouldRejectSelfCouplingNegativeStrengthAndAWrongShape() {
    double[][] self = new double[2][2];
    self[1][1] = 1;
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Coupling(List.of("A", "B"), self, 1))
        .getMessage().contains("B to itself"));
    assertThrows(IllegalArgumentException.class, () -> Coupling.cortical(ROIS, -1));
    assertThrows(IllegalArgumentException.class, () -> new Coupling(List.of("A", "B"), new double[3][2], 1));
    assertThrows(IllegalArgumentException.class,
        () -> SyntheticSpec.defaults("x", 20, 1, Truth.HIDDEN, 1).withCoupling(Coupling.cortical(List.of("V1"), 1)));
  }
}
