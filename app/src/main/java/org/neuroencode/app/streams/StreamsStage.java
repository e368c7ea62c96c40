package org.neuroencode.app.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.topic.Topics;

/** Runs one Kafka Streams topology with exactly-once processing and large-record limits set consistently. */
public final class StreamsStage implements AutoCloseable {
  private final KafkaStreams streams;
  private final String applicationId;

  private StreamsStage(KafkaStreams streams, String applicationId) {
    this.streams = streams;
    this.applicationId = applicationId;
  }

  public static Properties properties(KafkaSettings kafka, String applicationId, Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
    props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
    // Changelogs and the repartition topic carry per-cell matrices: keep their limit equal to the broker's.
    props.put(StreamsConfig.topicPrefix("max.message.bytes"), String.valueOf(Topics.LARGE_MESSAGE_BYTES));
    props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), String.valueOf(Topics.LARGE_MESSAGE_BYTES));
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), String.valueOf(Topics.LARGE_MESSAGE_BYTES));
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), String.valueOf(2 * Topics.LARGE_MESSAGE_BYTES));
    // Streams' default of 10 s aborts transactions when both cores are busy solving; a crash then holds
    // read_committed readers back for at most this long.
    props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), "30000");
    props.putAll(kafka.extra());
    return props;
  }

  /** Starts the topology and waits until it is running, or fails with the reason. */
  public static StreamsStage start(Topology topology, Properties props, Duration timeout) {
    KafkaStreams streams = new KafkaStreams(topology, props);
    CountDownLatch running = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.ERROR) {
        running.countDown();
      }
    });
    streams.setUncaughtExceptionHandler(exception -> {
      failure.set(exception);
      running.countDown();
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams.start();
    try {
      if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        streams.close(Duration.ofSeconds(10));
        throw new IllegalStateException(props.get(StreamsConfig.APPLICATION_ID_CONFIG) + " did not start within " + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting streams", e);
    }
    if (failure.get() != null || streams.state() == KafkaStreams.State.ERROR) {
      streams.close(Duration.ofSeconds(10));
      throw new IllegalStateException(props.get(StreamsConfig.APPLICATION_ID_CONFIG) + " failed: "
          + (failure.get() == null ? "error state" : failure.get().getMessage()), failure.get());
    }
    return new StreamsStage(streams, (String) props.get(StreamsConfig.APPLICATION_ID_CONFIG));
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public String applicationId() {
    return applicationId;
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
  }
}
