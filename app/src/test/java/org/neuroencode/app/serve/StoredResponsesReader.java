package org.neuroencode.app.serve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.topic.Topics;

/** Reads back what the `responses` topic holds for one experiment, to check what the service claims. */
final class StoredResponsesReader {
  private StoredResponsesReader() {}

  static List<Response> read(KafkaSettings kafka, String experimentId) {
    List<Response> found = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumer(null))) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.RESPONSES.name()).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          Response response = Topics.RESPONSES.valueSerde().deserializer().deserialize(record.topic(), record.value());
          if (response.getExperimentId().equals(experimentId)) {
            found.add(response);
          }
        }
      }
    }
    return found;
  }
}
