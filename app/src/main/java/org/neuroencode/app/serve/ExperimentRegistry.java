package org.neuroencode.app.serve;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.validation.ExperimentIndex;

/** The `experiments` topic in memory: the latest registry entry of each experiment, indexed for validation. */
final class ExperimentRegistry {
  private final Map<String, ExperimentIndex> byId = new ConcurrentHashMap<>();

  /**
   * Keeps the newer of the entry held and this one, by registration time: a PUT registers its spec at once,
   * and the topic's tail may still deliver the spec it replaced afterwards.
   */
  void register(Experiment experiment) {
    byId.merge(experiment.getExperimentId(), new ExperimentIndex(experiment),
        (held, offered) -> offered.experiment().getCreatedAtMs() >= held.experiment().getCreatedAtMs() ? offered : held);
  }

  Optional<ExperimentIndex> find(String experimentId) {
    return Optional.ofNullable(byId.get(experimentId));
  }
}
