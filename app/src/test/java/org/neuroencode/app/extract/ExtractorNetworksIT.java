package org.neuroencode.app.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.app.broker.SharedBroker;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.schema.DeadLetter;
import org.neuroencode.core.schema.Features;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.Stimulus;
import org.neuroencode.core.topic.AvroSerde;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.extractor.FeatureModel;
import org.neuroencode.extractor.catalogue.ModelCatalogue;
import org.neuroencode.extractor.models.FeatureModels;
import org.neuroencode.extractor.network.RuntimeSettings;
import org.neuroencode.extractor.reduction.FeatureReduction;
import org.neuroencode.extractor.stage.ExtractorStage;
import org.neuroencode.extractor.stage.StimulusContent;
import org.neuroencode.extractor.video.Video;
import org.neuroencode.extractor.video.VideoCodec;

/**
 * The extractor stage with a built-in network on the shared broker: good videos give features with the
 * model's family attributes; a corrupt video and one too short for the network's clip become dead letters
 * with the reason, and the rest of the poll goes on.
 */
class ExtractorNetworksIT {
  @TempDir Path featureStore;

  private static byte[] mp4(int frames, int shift) {
    List<byte[]> rgbFrames = new ArrayList<>();
    for (int t = 0; t < frames; t++) {
      byte[] rgb = new byte[64 * 48 * 3];
      for (int i = 0; i < 64 * 48; i++) {
        int column = i % 64;
        rgb[3 * i] = (byte) (((column + 3 * t + shift) / 8 % 2) * 200);
        rgb[3 * i + 1] = (byte) (i / 64 * 5);
        rgb[3 * i + 2] = (byte) 90;
      }
      rgbFrames.add(rgb);
    }
    return VideoCodec.encodeMp4(new Video(64, 48, 15, rgbFrames));
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String experiment, String stimulus, byte[] bytes) {
    Stimulus record = Stimulus.newBuilder().setExperimentId(experiment).setStimulusId(stimulus).setSplit(Split.TRAIN)
        .setContent(ByteBuffer.wrap(bytes)).setSha256(StimulusContent.sha256(bytes)).setSizeBytes(bytes.length)
        .setCreatedAtMs(0).build();
    AvroSerde<Stimulus> serde = (AvroSerde<Stimulus>) Topics.STIMULI.valueSerde();
    producer.send(new ProducerRecord<>(Topics.STIMULI.name(),
        Ids.stimulusKey(experiment, stimulus).getBytes(StandardCharsets.UTF_8), serde.encode(record)));
  }

  @Test
  void shouldPublishNetworkFeaturesAndDeadLetterCorruptAndTooShortVideos() throws Exception {
    KafkaSettings kafka = SharedBroker.kafka();
    String experiment = "extract-" + UUID.randomUUID().toString().substring(0, 8);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producer("extract-it"))) {
      send(producer, experiment, "good1", mp4(12, 0));
      send(producer, experiment, "corrupt", "not an mp4 at all".getBytes(StandardCharsets.UTF_8));
      send(producer, experiment, "short", mp4(3, 0));
      send(producer, experiment, "good2", mp4(10, 5));
      producer.flush();
    }
    var entry = ModelCatalogue.defaults().entry("untrained-video-cnn");
    try (FeatureModel model = FeatureModels.create(entry, RuntimeSettings.defaults().withBatchSize(2),
        FeatureReduction.parse("pool:2"));
        ExtractorStage stage = new ExtractorStage(kafka, List.of(model), 2, featureStore)) {
      Thread worker = new Thread(stage, "extractor-it");
      worker.start();
      Map<String, List<Features>> features = new HashMap<>();
      Map<String, String> reasons = new HashMap<>();
      read(kafka, experiment, features, reasons, 2 * entry.layers().size(), 2);
      stage.stop();
      worker.join(30_000);

      assertEquals(entry.layers().size(), features.get("good1").size());
      assertEquals(entry.layers().size(), features.get("good2").size());
      Features pool = features.get("good1").stream().filter(f -> f.getLayer().equals("pool")).findFirst().orElseThrow();
      assertEquals(List.of(64), pool.getValues().getShape());
      assertEquals("true", pool.getAttributes().get("untrained"));
      assertEquals("video", pool.getAttributes().get("modality"));
      assertEquals("conv", pool.getAttributes().get("arch"));
      assertTrue(reasons.get("corrupt").contains("cannot decode"), reasons.get("corrupt"));
      assertTrue(reasons.get("short").contains("too short") && reasons.get("short").contains("untrained-video-cnn"),
          reasons.get("short"));
    }
  }

  private static void read(KafkaSettings kafka, String experiment, Map<String, List<Features>> features,
      Map<String, String> reasons, int featureRecords, int deadLetters) {
    AvroSerde<Features> featureSerde = (AvroSerde<Features>) Topics.FEATURES.valueSerde();
    AvroSerde<DeadLetter> letterSerde = (AvroSerde<DeadLetter>) Topics.DEAD_LETTERS.valueSerde();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumer("extract-it-" + experiment))) {
      consumer.subscribe(List.of(Topics.FEATURES.name(), Topics.DEAD_LETTERS.name()));
      long deadline = System.currentTimeMillis() + 90_000;
      int seenFeatures = 0;
      while (System.currentTimeMillis() < deadline && (seenFeatures < featureRecords || reasons.size() < deadLetters)) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          String key = new String(record.key(), StandardCharsets.UTF_8);
          if (!key.startsWith(experiment + "/")) {
            continue;
          }
          String stimulus = key.substring(experiment.length() + 1);
          if (record.topic().equals(Topics.FEATURES.name())) {
            features.computeIfAbsent(stimulus, s -> new ArrayList<>()).add(featureSerde.decode(record.value()));
            seenFeatures++;
          } else {
            reasons.put(stimulus, letterSerde.decode(record.value()).getReason());
          }
        }
      }
    }
  }
}
