package org.neuroencode.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.app.broker.SharedBroker;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.schema.DeadLetter;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.Stimulus;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.core.topic.AvroSerde;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.encoder.EncoderSettings;
import org.neuroencode.ingest.publish.RecordPublisher;
import org.neuroencode.ingest.synthetic.RoiPlan;
import org.neuroencode.ingest.synthetic.SyntheticSpec;
import org.neuroencode.ingest.synthetic.Truth;

/** Small demos through the real broker, extractor, encoder and evaluator, checked against the ground truth. */
class DemoIT {
  private static final PrintStream LOG = System.out;

  /**
   * Plumbing: with voxels that read out motion energy, the encoder reaches the achievable r. On the raw features,
   * whose readout the truth is: the default PCA-100 standardizes the channels first, which re-weights them and costs
   * 0.008 of r on average here (docs/ARCHITECTURE.md, "Feature reduction"), a modelling choice rather than plumbing;
   * the hidden-truth test below runs the default.
   */
  @Test
  void shouldReachTheAchievableRWhenVoxelsReadOutMotionEnergy(@TempDir Path out) throws Exception {
    List<RoiRow> rows = run("plumbing", Truth.MOTION_ENERGY, 1102, 0.5, Integer.getInteger("demo.pca", 0), out, kafka -> { });
    for (RoiRow row : rows) {
      assertTrue(Math.abs(row.meanRSignal() - row.achievableR()) <= 0.05,
          row.roi() + ": mean r " + row.meanRSignal() + " vs achievable " + row.achievableR());
      assertNullVoxelsAtChance(row);
    }
  }

  /**
   * Like a real brain: voxels read features the encoder never sees. The scores are clearly above chance,
   * null voxels stay at chance, and a corrupted video and a wrong-sized response land in dead letters
   * without stopping anything.
   */
  @Test
  void shouldScoreHiddenTruthAboveChanceAndRouteBadRecordsToDeadLetters(@TempDir Path out) throws Exception {
    String experiment = "synthetic-hidden";
    List<RoiRow> rows = run("hidden", Truth.HIDDEN, 1102, 0.5, Integer.getInteger("demo.pca", EncoderSettings.DEFAULT_PCA_COMPONENTS), out,
        kafka -> publishBadRecords(kafka, experiment));
    for (RoiRow row : rows) {
      // A mean over m voxels of n-sample correlations has a chance spread of about 1/sqrt(n m).
      double chance = 3 / Math.sqrt((double) row.nTrain() * (row.voxels() - row.nullVoxels()));
      assertTrue(row.meanRSignal() > 2 * chance,
          row.roi() + ": mean r over signal voxels " + row.meanRSignal() + " is not clearly above chance " + chance);
      assertNullVoxelsAtChance(row);
    }
    List<DeadLetter> letters = deadLetters(SharedBroker.kafka(), experiment);
    assertTrue(letters.stream().anyMatch(l -> l.getStage().equals("extractor") && l.getReason().contains("bad-video")),
        "the corrupted video is a dead letter: " + letters);
    assertTrue(letters.stream().anyMatch(l -> l.getReason().contains("wrong voxel count")),
        "the wrong-sized response is a dead letter: " + letters);
    assertTrue(Files.readAllLines(out.resolve("scores.csv")).size() == rows.size() + 1, "scores.csv has a row per ROI");
  }

  private static List<RoiRow> run(String runId, Truth truth, int videos, double voxelScale, int pca, Path out,
      java.util.function.Consumer<KafkaSettings> extra) throws Exception {
    SyntheticSpec defaults = SyntheticSpec.defaults("synthetic-" + runId, videos, 1, truth, 7);
    SyntheticSpec spec = new SyntheticSpec(defaults.experimentId(), videos, 1, defaults.testFraction(), truth, 7,
        RoiPlan.algonautsDefaults(voxelScale), 3, 10, 0.2);
    // -Ddemo.pca=K runs both tests with K components (0: the raw features)
    EncoderSettings encoder = EncoderSettings.defaults(runId).withPca(pca);
    DemoSettings settings = new DemoSettings(spec, encoder, out,
        SharedBroker.kafka().bootstrapServers(), null, 2, Duration.ofMinutes(8));
    DemoRun demo = new DemoRun(settings, LOG);
    List<RoiRow> rows = demo.run(extra);
    DemoRun.printTable(rows, LOG);
    AblationReport.print(demo.ablation(), LOG);
    assertStageTwoComplete(demo, rows);
    LOG.println(demo.timings());
    assertEquals(9, rows.size());
    return rows;
  }

  /** Stage 2 ran on every stimulus: every ROI has all four variants and the subject a connectivity record. */
  private static void assertStageTwoComplete(DemoRun demo, List<RoiRow> rows) {
    assertEquals(rows.size(), demo.ablation().size(), "an ablation row per ROI");
    for (AblationReport.Row row : demo.ablation()) {
      for (String variant : AblationReport.VARIANTS) {
        assertTrue(Double.isFinite(row.mean(variant)), row.roi() + " " + variant);
      }
      // stage 2 fits the residual of stage 1 with its own inner CV: it may add little, but never much harm
      assertTrue(row.mean("full") > row.mean("base") - 0.02, row.roi() + ": full " + row.mean("full") + " vs base "
          + row.mean("base"));
    }
    assertEquals(1, demo.connectivity().size(), "one subject, one model, one layer");
    assertEquals(81, demo.connectivity().get(0).getWeights().getShape().stream().mapToInt(Integer::intValue)
        .reduce(1, (a, b) -> a * b));
  }

  private static void assertNullVoxelsAtChance(RoiRow row) {
    double chance = 3 / Math.sqrt((double) row.nTrain() * row.nullVoxels());
    assertTrue(Math.abs(row.meanRNull()) <= Math.max(chance, 3 / Math.sqrt(row.nTrain())),
        row.roi() + ": null voxels' mean r " + row.meanRNull());
  }

  private static void publishBadRecords(KafkaSettings kafka, String experiment) {
    try (RecordPublisher publisher = new RecordPublisher(kafka, "bad-records")) {
      byte[] garbage = "this is not an mp4 file".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      publisher.send(Topics.STIMULI, Ids.stimulusKey(experiment, "bad-video"), Stimulus.newBuilder()
          .setExperimentId(experiment).setStimulusId("bad-video").setSplit(Split.TRAIN)
          .setContent(ByteBuffer.wrap(garbage))
          .setSha256(org.neuroencode.extractor.stage.StimulusContent.sha256(garbage))
          .setSizeBytes(garbage.length).setCreatedAtMs(0).build());
      publisher.send(Topics.RESPONSES, Ids.stimulusKey(experiment, "vid00000"), Response.newBuilder()
          .setExperimentId(experiment).setSubjectId("sub01").setStimulusId("vid00000").setRoi("V1")
          .setRepetition(0).setValues(Tensors.ofFloats(new float[] {1, 2, 3}, 3)).setAcquiredAtMs(0).build());
      publisher.flush();
    }
  }

  private static List<DeadLetter> deadLetters(KafkaSettings kafka, String experiment) {
    AvroSerde<DeadLetter> serde = (AvroSerde<DeadLetter>) Topics.DEAD_LETTERS.valueSerde();
    List<DeadLetter> letters = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumer("dead-letter-reader-" + experiment))) {
      consumer.subscribe(List.of(Topics.DEAD_LETTERS.name()));
      long deadline = System.currentTimeMillis() + 20_000;
      while (System.currentTimeMillis() < deadline && letters.size() < 2) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          DeadLetter letter = serde.decode(record.value());
          if (new String(record.key(), java.nio.charset.StandardCharsets.UTF_8).startsWith(experiment + "/")) {
            letters.add(letter);
          }
        }
      }
    }
    return letters;
  }
}
