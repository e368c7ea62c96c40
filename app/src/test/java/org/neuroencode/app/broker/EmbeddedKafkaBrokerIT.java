package org.neuroencode.app.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.topic.TopicAdmin;
import org.neuroencode.core.topic.Topics;

class EmbeddedKafkaBrokerIT {

  @Test
  void shouldKeepTopicsAndPortAcrossARestartWithADataDirectory(@TempDir Path dataDir) throws Exception {
    String first;
    int port;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
      port = broker.port();
      KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
      TopicAdmin.ensureTopics(kafka, (short) 1);
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producer("restart-test"))) {
        producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), 0, "k".getBytes(StandardCharsets.UTF_8),
            "kept".getBytes(StandardCharsets.UTF_8))).get();
      }
      first = broker.bootstrapServers();
    }
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
      assertEquals(port, broker.port(), "a restart reuses the saved port");
      assertEquals(first, broker.bootstrapServers());
      List<String> values = readAll(KafkaSettings.of(broker.bootstrapServers()), Topics.DEAD_LETTERS.name(), 0);
      assertEquals(List.of("kept"), values);
    }
  }

  private static List<String> readAll(KafkaSettings kafka, String topic, int partition) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumer(null))) {
      TopicPartition tp = new TopicPartition(topic, partition);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.currentTimeMillis() + 30_000;
      while (values.isEmpty() && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(new String(record.value(), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }
}
