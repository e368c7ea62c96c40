package org.neuroencode.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.schema.RoiSpec;
import org.neuroencode.core.schema.SubjectSpec;

class ExperimentRegistryTest {
  private static Experiment spec(String description, long createdAtMs) {
    return Experiment.newBuilder().setExperimentId("exp").setDescription(description)
        .setSubjects(List.of(new SubjectSpec("sub01", List.of(new RoiSpec("V1", 4, null)))))
        .setStimuli(List.of()).setTrainRepetitions(1).setTestRepetitions(1).setCreatedAtMs(createdAtMs).build();
  }

  /** A PUT registers its spec at once; the topic's tail may deliver the replaced spec afterwards. */
  @Test
  void shouldKeepTheNewerSpecWhenTheOlderArrivesLate() {
    ExperimentRegistry registry = new ExperimentRegistry();
    registry.register(spec("new", 2_000));
    registry.register(spec("old", 1_000));
    assertEquals("new", registry.find("exp").orElseThrow().experiment().getDescription().toString());
    registry.register(spec("newest", 3_000));
    assertEquals("newest", registry.find("exp").orElseThrow().experiment().getDescription().toString());
  }
}
