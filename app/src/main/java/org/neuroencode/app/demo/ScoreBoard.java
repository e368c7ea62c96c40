package org.neuroencode.app.demo;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.schema.Connectivity;
import org.neuroencode.core.schema.Score;
import org.neuroencode.core.topic.AvroSerde;
import org.neuroencode.core.topic.Topic;
import org.neuroencode.core.topic.Topics;

/** Follows a compacted topic and keeps the latest record of every key of one experiment and run. */
public final class ScoreBoard<V extends SpecificRecordBase> implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final AvroSerde<V> serde;
  private final Predicate<V> belongs;
  private final Map<String, V> latest = new TreeMap<>();

  private ScoreBoard(KafkaSettings kafka, Topic<String, V> topic, Predicate<V> belongs) {
    this.serde = (AvroSerde<V>) topic.valueSerde();
    this.belongs = belongs;
    this.consumer = new KafkaConsumer<>(kafka.consumer(null));
    org.neuroencode.app.kafka.TopicPartitions.assignAll(consumer, topic.name(), kafka.bootstrapServers(), true);
  }

  /** The scores of one experiment and run. */
  public static ScoreBoard<Score> scores(KafkaSettings kafka, String experimentId, String runId) {
    return new ScoreBoard<>(kafka, Topics.SCORES, of(experimentId, runId, Score::getExperimentId, Score::getRunId));
  }

  /** The connectivity matrices of one experiment and run. */
  public static ScoreBoard<Connectivity> connectivity(KafkaSettings kafka, String experimentId, String runId) {
    return new ScoreBoard<>(kafka, Topics.CONNECTIVITY,
        of(experimentId, runId, Connectivity::getExperimentId, Connectivity::getRunId));
  }

  private static <V> Predicate<V> of(String experimentId, String runId, Function<V, CharSequence> experiment,
      Function<V, CharSequence> run) {
    return value -> experiment.apply(value).toString().equals(experimentId) && run.apply(value).toString().equals(runId);
  }

  /**
   * Polls until at least {@code expected} of the records that {@code counted} selects are in and all of those
   * satisfy done, or the timeout passes; returns whether they did. Fails at once when health reports a problem
   * (a stage that died).
   */
  public boolean awaitAll(int expected, Predicate<V> counted, Predicate<V> done, Duration timeout, Runnable onProgress,
      java.util.function.Supplier<java.util.Optional<String>> health) {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    while (System.currentTimeMillis() < deadline) {
      poll();
      onProgress.run();
      health.get().ifPresent(problem -> {
        throw new IllegalStateException(problem);
      });
      long in = latest.values().stream().filter(counted).count();
      if (in >= expected && latest.values().stream().filter(counted).allMatch(done)) {
        return true;
      }
    }
    return false;
  }

  public void poll() {
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
      if (record.value() == null) {
        continue;
      }
      V value = serde.decode(record.value());
      if (belongs.test(value)) {
        latest.put(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8), value);
      }
    }
  }

  public Map<String, V> latest() {
    return latest;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
