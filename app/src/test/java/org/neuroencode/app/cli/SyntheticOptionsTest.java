package org.neuroencode.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuroencode.ingest.synthetic.NoiseSpec;
import org.neuroencode.ingest.synthetic.SyntheticSpec;
import org.neuroencode.ingest.synthetic.Truth;
import picocli.CommandLine;

class SyntheticOptionsTest {

  @Test
  void shouldDefaultToTheHierarchyAtStrengthOneAndCorrelatedNoise() {
    SyntheticSpec spec = parse().spec("exp");
    assertEquals(1.0, spec.coupling().strength());
    assertEquals(NoiseSpec.defaults(), spec.noise());
    assertEquals(Truth.HIDDEN, spec.truth());
  }

  @Test
  void shouldPassTheCouplingNoiseAndNullTruthToTheSpec() {
    SyntheticSpec spec = parse("--coupling", "0", "--truth", "null", "--noise-factors", "2", "--shared-noise", "0.3")
        .spec("exp");
    assertEquals(0.0, spec.coupling().strength());
    assertEquals(new NoiseSpec(2, 0.3), spec.noise());
    assertEquals(Truth.NULL, spec.truth());
  }

  @Test
  void shouldRejectANegativeCouplingWithAClearMessage() {
    SyntheticOptions options = parse("--coupling", "-1");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> options.spec("exp"));
    assertTrue(e.getMessage().contains("coupling strength"), e.getMessage());
  }

  private static SyntheticOptions parse(String... args) {
    DemoCommand demo = new DemoCommand();
    new CommandLine(demo).parseArgs(args);
    return demo.synthetic;
  }
}
