package org.neuroencode.encoder.join;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.topic.AvroSerde;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.core.validation.ExperimentIndex;

/**
 * Reads experiments from the global store, decoding each registry entry once per change. Shared by the join
 * and the reducer ({@code basis/BasisProcessor}).
 */
public final class ExperimentLookup {
  private final KeyValueStore<String, byte[]> store;
  private final AvroSerde<Experiment> serde = (AvroSerde<Experiment>) Topics.EXPERIMENTS.valueSerde();
  private final Map<String, byte[]> cachedBytes = new HashMap<>();
  private final Map<String, ExperimentIndex> cached = new HashMap<>();

  public ExperimentLookup(KeyValueStore<String, byte[]> store) {
    this.store = store;
  }

  public Optional<ExperimentIndex> find(String experimentId) {
    byte[] bytes = store.get(experimentId);
    if (bytes == null) {
      return Optional.empty();
    }
    if (!Arrays.equals(bytes, cachedBytes.get(experimentId))) {
      try {
        cached.put(experimentId, new ExperimentIndex(serde.decode(bytes)));
        cachedBytes.put(experimentId, bytes);
      } catch (RuntimeException undecodable) {
        return Optional.empty();
      }
    }
    return Optional.of(cached.get(experimentId));
  }
}
