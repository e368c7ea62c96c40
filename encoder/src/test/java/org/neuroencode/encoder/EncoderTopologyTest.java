package org.neuroencode.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.core.ids.Folds;
import org.neuroencode.core.schema.DeadLetter;
import org.neuroencode.core.schema.ModelSnapshot;
import org.neuroencode.core.schema.Prediction;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.core.topic.DeadLetterHeaders;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.encoder.ridge.NestedRidgeCv;
import org.neuroencode.encoder.ridge.RidgeSolution;
import org.neuroencode.encoder.ridge.SufficientStats;

class EncoderTopologyTest {
  private static final EncoderSettings SETTINGS = EncoderSettings.defaults("test")
      .withSolveInterval(Duration.ofSeconds(1))
      .withUnknownExperimentGrace(Duration.ofSeconds(10))
      .withPca(0); // the raw features: the join and the ridge cells themselves (the reducer has its own test)
  private final EncoderFixtures data = new EncoderFixtures(42);
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> responses;
  private TestInputTopic<String, byte[]> features;
  private TestOutputTopic<String, ModelSnapshot> models;
  private TestOutputTopic<String, Prediction> predictions;
  private TestOutputTopic<String, DeadLetter> deadLetters;

  @TempDir
  java.nio.file.Path stateDir;
  private EncoderTestDriver encoder;

  @BeforeEach
  void start() {
    encoder = new EncoderTestDriver(SETTINGS, stateDir);
    driver = encoder.driver();
    responses = encoder.input(Topics.RESPONSES);
    features = encoder.input(Topics.FEATURES);
    models = encoder.output(Topics.MODELS);
    predictions = encoder.output(Topics.PREDICTIONS);
    deadLetters = encoder.output(Topics.DEAD_LETTERS);
  }

  @AfterEach
  void stop() {
    encoder.close();
  }

  @Test
  void shouldJoinResponsesThatArriveBeforeTheirFeatures() {
    registerExperiment();
    pipeAllResponses(EncoderFixtures.REPETITIONS);
    solve();
    assertTrue(models.isEmpty(), "no model can exist before any features");
    pipeAllFeatures();
    solve();
    ModelSnapshot model = lastModel();
    assertEquals(EncoderFixtures.TRAIN, model.getNTrain());
    assertEquals(EncoderFixtures.TEST, model.getNTest());
    assertEquals((EncoderFixtures.TRAIN + EncoderFixtures.TEST) * EncoderFixtures.REPETITIONS, model.getResponses());
    assertMatchesBatchFit(model, EncoderFixtures.REPETITIONS);
    assertEquals(EncoderFixtures.TEST, predictions.readRecordsToList().size());
    assertTrue(deadLetters.isEmpty());
  }

  @Test
  void shouldReadClaimCheckedFeaturesLikeInlineOnesAndDeadLetterAMissingFile(@TempDir java.nio.file.Path store)
      throws Exception {
    registerExperiment();
    pipeAllResponses(EncoderFixtures.REPETITIONS);
    for (int s = 0; s < EncoderFixtures.TRAIN + EncoderFixtures.TEST; s++) {
      org.neuroencode.core.schema.Features inline = data.features(s);
      org.neuroencode.core.schema.DType dtype = inline.getValues().getDtype();
      org.neuroencode.core.schema.Features claimed = org.neuroencode.core.schema.Features.newBuilder(inline)
          .setValues(org.neuroencode.core.claim.FeatureClaims.placeholder(dtype))
          .setClaim(org.neuroencode.core.claim.FeatureClaims.store(store, Tensors.toDoubles(inline.getValues()), dtype))
          .build();
      features.pipeInput(EncoderFixtures.key(s),
          Topics.FEATURES.valueSerde().serializer().serialize(Topics.FEATURES.name(), claimed));
    }
    solve();
    assertMatchesBatchFit(lastModel(), EncoderFixtures.REPETITIONS);
    assertTrue(deadLetters.isEmpty());

    org.neuroencode.core.schema.Features lost = org.neuroencode.core.schema.Features.newBuilder(data.features(0))
        .setLayer("lost").setValues(org.neuroencode.core.claim.FeatureClaims.placeholder(
            org.neuroencode.core.schema.DType.FLOAT64))
        .setClaim(org.neuroencode.core.claim.FeatureClaims.store(store.resolve("gone"), new double[] {1, 2},
            org.neuroencode.core.schema.DType.FLOAT64))
        .build();
    java.nio.file.Files.delete(java.nio.file.Path.of(java.net.URI.create(lost.getClaim().getUri())));
    features.pipeInput(EncoderFixtures.key(0),
        Topics.FEATURES.valueSerde().serializer().serialize(Topics.FEATURES.name(), lost));
    String reason = deadLetters.readValue().getReason();
    assertTrue(reason.contains("does not exist"), reason);
  }

  @Test
  void shouldFoldALateRepetitionIntoTheStatisticsExactly() {
    registerExperiment();
    pipeAllFeatures();
    pipeAllResponses(2);
    solve();
    assertMatchesBatchFit(lastModel(), 2);
    for (int s = 0; s < EncoderFixtures.TRAIN + EncoderFixtures.TEST; s++) {
      responses.pipeInput(EncoderFixtures.key(s), encode(data.response(s, 2)));
    }
    solve();
    ModelSnapshot model = lastModel();
    assertEquals((EncoderFixtures.TRAIN + EncoderFixtures.TEST) * 3, model.getResponses());
    assertMatchesBatchFit(model, 3);
  }

  @Test
  void shouldStoreARepeatedRepetitionOnce() {
    registerExperiment();
    pipeAllFeatures();
    pipeAllResponses(EncoderFixtures.REPETITIONS);
    pipeAllResponses(EncoderFixtures.REPETITIONS);
    solve();
    ModelSnapshot model = lastModel();
    assertEquals((EncoderFixtures.TRAIN + EncoderFixtures.TEST) * EncoderFixtures.REPETITIONS, model.getResponses());
    assertMatchesBatchFit(model, EncoderFixtures.REPETITIONS);
  }

  @Test
  void shouldSendMalformedRecordsToDeadLettersAndGoOn() {
    registerExperiment();
    responses.pipeInput(EncoderFixtures.key(0), "not avro".getBytes(StandardCharsets.UTF_8));
    responses.pipeInput(EncoderFixtures.key(0), encode(EncoderFixtures.response(0, 0, new double[] {1, 2})));
    responses.pipeInput(EncoderFixtures.key(0), encode(EncoderFixtures.response(0, 0, new double[] {1, Double.NaN, 3, 4})));
    var unknownRoi = data.response(1, 0);
    unknownRoi.setRoi("V9");
    responses.pipeInput(EncoderFixtures.key(1), encode(unknownRoi));
    pipeAllFeatures();
    pipeAllResponses(EncoderFixtures.REPETITIONS);
    solve();

    List<TestRecord<String, DeadLetter>> letters = deadLetters.readRecordsToList();
    assertEquals(4, letters.size());
    assertTrue(letters.get(0).value().getReason().contains("not a Response"), letters.get(0).value().getReason());
    assertTrue(letters.get(1).value().getReason().contains("wrong voxel count"), letters.get(1).value().getReason());
    assertTrue(letters.get(2).value().getReason().contains("non-finite"), letters.get(2).value().getReason());
    assertTrue(letters.get(3).value().getReason().contains("unknown ROI"), letters.get(3).value().getReason());
    TestRecord<String, DeadLetter> first = letters.get(0);
    assertEquals(Topics.RESPONSES.name(), header(first, DeadLetterHeaders.SOURCE_TOPIC));
    assertEquals("0", header(first, DeadLetterHeaders.SOURCE_OFFSET));
    assertEquals("not avro", StandardCharsets.UTF_8.decode(first.value().getValue()).toString());

    ModelSnapshot model = lastModel();
    assertEquals(EncoderFixtures.TRAIN, model.getNTrain(), "the good records after the bad ones are all processed");
    assertMatchesBatchFit(model, EncoderFixtures.REPETITIONS);
  }

  @Test
  void shouldHoldRecordsUntilTheirExperimentIsRegistered() {
    pipeAllFeatures();
    pipeAllResponses(EncoderFixtures.REPETITIONS);
    solve();
    assertTrue(models.isEmpty());
    registerExperiment();
    solve();
    solve();
    assertMatchesBatchFit(lastModel(), EncoderFixtures.REPETITIONS);
    assertTrue(deadLetters.isEmpty());
  }

  @Test
  void shouldDeadLetterRecordsWhoseExperimentNeverArrives() {
    responses.pipeInput(EncoderFixtures.key(0), encode(data.response(0, 0)));
    driver.advanceWallClockTime(Duration.ofSeconds(11));
    driver.advanceWallClockTime(Duration.ofSeconds(1));
    List<DeadLetter> letters = deadLetters.readValuesToList();
    assertEquals(1, letters.size());
    assertTrue(letters.get(0).getReason().contains("unknown experiment"), letters.get(0).getReason());
  }

  /** Blocks only bound the state: every voxel gets the model it gets when the ROI is one cell. */
  @Test
  void shouldGiveEveryVoxelTheSameModelWhenTheRoiIsSplitIntoBlocks(@TempDir java.nio.file.Path blockedState) {
    int blockSize = 3;
    try (EncoderTestDriver blocked = new EncoderTestDriver(SETTINGS.withVoxelBlockSize(blockSize), blockedState)) {
      List<String> stimuli = new java.util.ArrayList<>();
      for (int s = 0; s < EncoderFixtures.TRAIN + EncoderFixtures.TEST; s++) {
        stimuli.add(EncoderFixtures.stimulusId(s));
      }
      blocked.registerExperiment(EncoderFixtures.EXPERIMENT, EncoderFixtures.SUBJECT, EncoderFixtures.ROI,
          EncoderFixtures.VOXELS, stimuli, EncoderFixtures.TRAIN, EncoderFixtures.REPETITIONS);
      for (int s = 0; s < EncoderFixtures.TRAIN + EncoderFixtures.TEST; s++) {
        blocked.pipe(Topics.FEATURES, EncoderFixtures.key(s), data.features(s));
        for (int r = 0; r < EncoderFixtures.REPETITIONS; r++) {
          blocked.pipe(Topics.RESPONSES, EncoderFixtures.key(s), data.response(s, r));
        }
      }
      blocked.driver().advanceWallClockTime(Duration.ofSeconds(1));
      java.util.Map<Integer, ModelSnapshot> byBlock = new java.util.TreeMap<>();
      for (ModelSnapshot snapshot : blocked.output(Topics.MODELS).readValuesToList()) {
        byBlock.put(snapshot.getVoxelBlock(), snapshot);
      }
      assertEquals(2, byBlock.size(), "4 voxels in blocks of 3 are 2 cells");
      RidgeSolution whole = batchFit(EncoderFixtures.REPETITIONS);
      double[] wholeOof = whole.oofWithinFolds().orElseThrow().toMatrix();
      for (ModelSnapshot snapshot : byBlock.values()) {
        assertEquals(2, snapshot.getVoxelBlocks());
        assertEquals(EncoderFixtures.VOXELS, snapshot.getRoiVoxels());
        int offset = snapshot.getVoxelOffset();
        int width = snapshot.getBestAlpha().getShape().get(0);
        assertEquals(Math.min(blockSize, EncoderFixtures.VOXELS - offset), width);
        double[] coef = Tensors.toDoubles(snapshot.getCoef());
        double[] alpha = Tensors.toDoubles(snapshot.getBestAlpha());
        double[] oof = Tensors.toDoubles(snapshot.getOofWithinFoldMoments());
        for (int j = 0; j < width; j++) {
          assertEquals(whole.bestAlpha()[offset + j], alpha[j], 0);
          for (int i = 0; i < EncoderFixtures.FEATURES; i++) {
            assertEquals(whole.coef(i, offset + j), coef[i * width + j], 1e-9);
          }
          for (int row = 0; row < 6; row++) {
            assertEquals(wholeOof[row * EncoderFixtures.VOXELS + offset + j], oof[row * width + j], 1e-9);
          }
        }
      }
    }
  }

  private RidgeSolution batchFit(int repetitions) {
    SufficientStats[] folds = new SufficientStats[SETTINGS.folds()];
    for (int f = 0; f < folds.length; f++) {
      folds[f] = new SufficientStats(EncoderFixtures.FEATURES, EncoderFixtures.VOXELS);
    }
    for (int s = 0; s < EncoderFixtures.TRAIN; s++) {
      folds[Folds.of(EncoderFixtures.stimulusId(s), SETTINGS.folds())].add(data.x[s], data.mean(s, repetitions));
    }
    return new NestedRidgeCv(SETTINGS.ridge()).solve(folds);
  }

  private void assertMatchesBatchFit(ModelSnapshot model, int repetitions) {
    RidgeSolution batch = batchFit(repetitions);
    assertArrayEquals(batch.coef(), Tensors.toDoubles(model.getCoef()), 1e-9);
    assertArrayEquals(batch.intercept(), Tensors.toDoubles(model.getIntercept()), 1e-9);
    assertArrayEquals(batch.bestAlpha(), Tensors.toDoubles(model.getBestAlpha()), 0);
    assertArrayEquals(batch.oof().orElseThrow().toMatrix(), Tensors.toDoubles(model.getOofMoments()), 1e-9);
    assertArrayEquals(batch.oofWithinFolds().orElseThrow().toMatrix(), Tensors.toDoubles(model.getOofWithinFoldMoments()), 1e-9);
  }

  private ModelSnapshot lastModel() {
    List<ModelSnapshot> all = models.readValuesToList();
    assertTrue(!all.isEmpty(), "expected a model snapshot");
    return all.get(all.size() - 1);
  }

  private void registerExperiment() {
    List<String> stimuli = new java.util.ArrayList<>();
    for (int s = 0; s < EncoderFixtures.TRAIN + EncoderFixtures.TEST; s++) {
      stimuli.add(EncoderFixtures.stimulusId(s));
    }
    encoder.registerExperiment(EncoderFixtures.EXPERIMENT, EncoderFixtures.SUBJECT, EncoderFixtures.ROI,
        EncoderFixtures.VOXELS, stimuli, EncoderFixtures.TRAIN, EncoderFixtures.REPETITIONS);
  }

  private void pipeAllResponses(int repetitions) {
    for (int r = 0; r < repetitions; r++) {
      for (int s = 0; s < EncoderFixtures.TRAIN + EncoderFixtures.TEST; s++) {
        responses.pipeInput(EncoderFixtures.key(s), encode(data.response(s, r)));
      }
    }
  }

  private void pipeAllFeatures() {
    for (int s = 0; s < EncoderFixtures.TRAIN + EncoderFixtures.TEST; s++) {
      features.pipeInput(EncoderFixtures.key(s),
          Topics.FEATURES.valueSerde().serializer().serialize(Topics.FEATURES.name(), data.features(s)));
    }
  }

  private void solve() {
    driver.advanceWallClockTime(Duration.ofSeconds(1));
  }

  private static byte[] encode(org.neuroencode.core.schema.Response response) {
    return Topics.RESPONSES.valueSerde().serializer().serialize(Topics.RESPONSES.name(), response);
  }

  private static String header(TestRecord<String, DeadLetter> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

}
