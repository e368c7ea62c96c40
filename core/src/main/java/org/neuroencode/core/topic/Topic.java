package org.neuroencode.core.topic;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic's contract: its name, key and value serdes, and the settings it is created with.
 *
 * @param keyFormat how the string key is built, for clients in other languages
 */
public record Topic<K, V>(
    String name,
    Serde<K> keySerde,
    Serde<V> valueSerde,
    int partitions,
    Map<String, String> configs,
    String keyFormat,
    String writers,
    String readers,
    String description) {

  public int maxMessageBytes() {
    return Integer.parseInt(configs.getOrDefault("max.message.bytes", "1048588"));
  }
}
