package org.neuroencode.app.serve;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.validation.ExperimentIndex;

/** The `experiments` topic in memory: the latest registry entry of each experiment, indexed for validation. */
final class ExperimentRegistry {
  private final Map<String, ExperimentIndex> byId = new ConcurrentHashMap<>();

  void register(Experiment experiment) {
    byId.put(experiment.getExperimentId(), new ExperimentIndex(experiment));
  }

  Optional<ExperimentIndex> find(String experimentId) {
    return Optional.ofNullable(byId.get(experimentId));
  }
}
