package org.neuroencode.app.serve;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.topic.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a whole topic from its beginning on its own thread, without a consumer group, so that the
 * service's in-memory views are rebuilt from Kafka on every start and no event loop ever polls.
 */
final class TopicTail<V> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);

  /** Receives each decodable record with where it is stored. */
  interface Sink<V> {
    void accept(V value, Ack where);
  }

  private final Topic<String, V> topic;
  private final Sink<V> sink;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
  private final Thread thread;

  private TopicTail(KafkaSettings kafka, Topic<String, V> topic, Sink<V> sink) {
    this.topic = topic;
    this.sink = sink;
    this.consumer = new KafkaConsumer<>(kafka.consumer(null));
    this.thread = new Thread(this::run, "serve-tail-" + topic.name());
    thread.setDaemon(true);
  }

  static <V> TopicTail<V> start(KafkaSettings kafka, Topic<String, V> topic, Sink<V> sink) {
    TopicTail<V> tail = new TopicTail<>(kafka, topic, sink);
    tail.thread.start();
    return tail;
  }

  /** Waits until everything the topic held at start has been seen. */
  void awaitCaughtUp(Duration timeout) throws Exception {
    caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(info -> new TopicPartition(topic.name(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          deliver(record);
        }
        if (!caughtUp.isDone() && ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
          caughtUp.complete(null);
        }
      }
    } catch (WakeupException closing) {
      // close() woke the poll up
    } catch (RuntimeException e) {
      LOG.error("following topic {} failed", topic.name(), e);
      caughtUp.completeExceptionally(e);
    } finally {
      consumer.close();
    }
  }

  private void deliver(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    try {
      V value = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
      sink.accept(value, new Ack(record.topic(), record.partition(), record.offset()));
    } catch (RuntimeException e) {
      // a bad record is the dead-letter path's business; the view skips it rather than stop serving
      String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
      LOG.warn("skipping undecodable {} record {} at {}/{}: {}", topic.name(), key, record.partition(), record.offset(), e.getMessage());
    }
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(10_000);
  }
}
