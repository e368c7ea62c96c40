package org.neuroencode.app.demo;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.schema.Score;
import org.neuroencode.core.topic.AvroSerde;
import org.neuroencode.core.topic.Topics;

/** Follows the scores topic and keeps the latest score of every cell of one experiment. */
public final class ScoreBoard implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final AvroSerde<Score> serde = (AvroSerde<Score>) Topics.SCORES.valueSerde();
  private final String experimentId;
  private final String runId;
  private final Map<String, Score> latest = new TreeMap<>();

  public ScoreBoard(KafkaSettings kafka, String experimentId, String runId) {
    this.experimentId = experimentId;
    this.runId = runId;
    this.consumer = new KafkaConsumer<>(kafka.consumer(null));
    org.neuroencode.app.kafka.TopicPartitions.assignAll(consumer, Topics.SCORES.name(), kafka.bootstrapServers(), true);
  }

  /**
   * Polls until every expected cell satisfies done, or the timeout passes; returns whether it did.
   * Fails at once when health reports a problem (a stage that died).
   */
  public boolean awaitAll(int expectedCells, Predicate<Score> done, Duration timeout, Runnable onProgress,
      java.util.function.Supplier<java.util.Optional<String>> health) {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    while (System.currentTimeMillis() < deadline) {
      poll();
      onProgress.run();
      health.get().ifPresent(problem -> {
        throw new IllegalStateException(problem);
      });
      if (latest.size() >= expectedCells && latest.values().stream().allMatch(done)) {
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
      Score score = serde.decode(record.value());
      if (score.getExperimentId().equals(experimentId) && score.getRunId().equals(runId)) {
        latest.put(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8), score);
      }
    }
  }

  public Map<String, Score> latest() {
    return latest;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
