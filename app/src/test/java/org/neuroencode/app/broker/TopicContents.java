package org.neuroencode.app.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.topic.Topic;

/** Everything a topic holds up to its current end, decoded, that passes a filter: what a test checks a command wrote. */
public final class TopicContents {
  private TopicContents() {}

  public static <V> List<V> read(KafkaSettings kafka, Topic<String, V> topic, Predicate<V> wanted) {
    List<V> found = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumer(null))) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          V value = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
          if (wanted.test(value)) {
            found.add(value);
          }
        }
      }
    }
    return found;
  }
}
