package org.neuroencode.ingest.publish;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.topic.Topic;

/** Publishes typed records through the registry's serdes with an idempotent, acks=all producer. */
public final class RecordPublisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
  private final AtomicLong sent = new AtomicLong();

  public RecordPublisher(KafkaSettings kafka, String clientId) {
    this.producer = new KafkaProducer<>(kafka.producer(clientId));
  }

  public <V> void send(Topic<String, V> topic, String key, V value) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    sendRaw(topic.name(), key, bytes);
  }

  /** Sends bytes as they are: for tests and tools that must publish malformed records on purpose. */
  public void sendRaw(String topic, String key, byte[] value) {
    byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    producer.send(new ProducerRecord<>(topic, keyBytes, value), (metadata, exception) -> {
      if (exception != null) {
        firstFailure.compareAndSet(null, exception);
      } else {
        sent.incrementAndGet();
      }
    });
  }

  /** Waits until everything sent is acknowledged; fails with the first error. */
  public long flush() {
    producer.flush();
    Exception failure = firstFailure.get();
    if (failure != null) {
      throw new IllegalStateException("publishing failed: " + failure.getMessage(), failure);
    }
    return sent.get();
  }

  @Override
  public void close() {
    producer.close();
  }
}
