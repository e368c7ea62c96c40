package org.neuroencode.app.kafka;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/** A topic's partitions, or a one-line error naming the cluster that could not be reached. */
public final class TopicPartitions {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private TopicPartitions() {}

  /** Assigns every partition of the topic, from the beginning or the end. */
  public static List<TopicPartition> assignAll(KafkaConsumer<?, ?> consumer, String topic, String bootstrapServers,
      boolean fromBeginning) {
    List<TopicPartition> partitions;
    try {
      partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    } catch (TimeoutException e) {
      throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + " (no answer within "
          + TIMEOUT.toSeconds() + " s); is the broker running? ('neuroencode broker' starts one)");
    }
    if (partitions.isEmpty()) {
      throw new IllegalStateException("topic '" + topic + "' does not exist on " + bootstrapServers);
    }
    consumer.assign(partitions);
    if (fromBeginning) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
    }
    return partitions;
  }
}
