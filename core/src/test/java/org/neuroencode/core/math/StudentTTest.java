package org.neuroencode.core.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StudentTTest {
  /** Critical values from the standard t table: P(|T| ≥ t) at the stated degrees of freedom. */
  @Test
  void shouldMatchTheTablesCriticalValues() {
    assertEquals(0.05, StudentT.twoSidedP(12.706, 1), 1e-4);
    assertEquals(0.05, StudentT.twoSidedP(2.776, 4), 1e-4);
    assertEquals(0.01, StudentT.twoSidedP(3.169, 10), 1e-4);
    assertEquals(0.001, StudentT.twoSidedP(3.965, 17), 1e-5);
    assertEquals(1.0, StudentT.twoSidedP(0, 7), 1e-12);
  }

  @Test
  void shouldMatchANaivePairedTest() {
    double[] a = {0.31, 0.28, 0.35, 0.30, 0.33};
    double[] b = {0.29, 0.27, 0.31, 0.30, 0.30};
    StudentT.Paired test = StudentT.pairedTest(a, b);
    // differences 0.02, 0.01, 0.04, 0.00, 0.03: mean 0.02, sd sqrt(0.001/4) = 0.0158114, t = 0.02 / (0.0158114 / sqrt 5)
    assertEquals(0.02, test.meanDifference(), 1e-12);
    assertEquals(2.8284271, test.t(), 1e-6);
    assertEquals(4, test.degreesOfFreedom());
    assertEquals(0.0474, test.p(), 5e-4);
    assertEquals("*", test.mark());
  }

  @Test
  void shouldGiveNoPValueForOnePair() {
    assertEquals("n/a", StudentT.pairedTest(new double[] {1}, new double[] {0}).mark());
  }
}
