package org.neuroencode.encoder.basis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.schema.DeadLetter;
import org.neuroencode.core.schema.FeatureBasisRecord;
import org.neuroencode.core.schema.Features;
import org.neuroencode.core.schema.ModelSnapshot;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.encoder.EncoderSettings;
import org.neuroencode.encoder.EncoderTestDriver;
import org.neuroencode.encoder.reduction.FeatureBasis;
import org.neuroencode.encoder.reduction.PcaFitter;
import org.neuroencode.encoder.reduction.PcaSettings;

/** The reducer sub-topology, driven through the whole encoder topology with PCA on. */
class ReducerTopologyTest {
  private static final String EXPERIMENT = "exp1";
  private static final String SUBJECT = "sub01";
  private static final String ROI = "V1";
  private static final String MODEL = "toy";
  private static final String LAYER = "l1";
  private static final int FEATURES = 8;
  private static final int COMPONENTS = 3;
  private static final int VOXELS = 4;
  private static final int TRAIN = 30;
  private static final int TEST = 4;
  private static final int REPETITIONS = 2;
  private static final EncoderSettings SETTINGS = EncoderSettings.defaults("test")
      .withSolveInterval(Duration.ofSeconds(1))
      .withUnknownExperimentGrace(Duration.ofSeconds(10))
      .withPca(COMPONENTS);

  private final double[][] x = new double[TRAIN + TEST][FEATURES];
  private final double[][][] y = new double[TRAIN + TEST][REPETITIONS][VOXELS];
  private org.neuroencode.encoder.EncoderTestDriver encoder;
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> responses;
  private TestInputTopic<String, byte[]> features;
  private TestOutputTopic<String, FeatureBasisRecord> bases;
  private TestOutputTopic<String, Features> reduced;
  private TestOutputTopic<String, ModelSnapshot> models;
  private TestOutputTopic<String, DeadLetter> deadLetters;

  @TempDir
  java.nio.file.Path stateDir;

  ReducerTopologyTest() {
    Random random = new Random(7);
    double[][] mixing = new double[FEATURES][FEATURES];
    for (double[] row : mixing) {
      for (int j = 0; j < FEATURES; j++) {
        row[j] = random.nextGaussian();
      }
    }
    for (int s = 0; s < x.length; s++) {
      double[] latent = new double[FEATURES];
      for (int i = 0; i < FEATURES; i++) {
        latent[i] = random.nextGaussian() * (i < 3 ? 3 : 0.3); // three strong directions
      }
      for (int i = 0; i < FEATURES; i++) {
        for (int j = 0; j < FEATURES; j++) {
          x[s][i] += mixing[i][j] * latent[j];
        }
        x[s][i] += 10 * i; // different means, as raw features have
      }
      for (int r = 0; r < REPETITIONS; r++) {
        for (int v = 0; v < VOXELS; v++) {
          y[s][r][v] = 2 + latent[v % 3] + random.nextGaussian();
        }
      }
    }
  }

  @BeforeEach
  void start() {
    encoder = new EncoderTestDriver(SETTINGS, stateDir);
    driver = encoder.driver();
    responses = encoder.input(Topics.RESPONSES);
    features = encoder.input(Topics.FEATURES);
    bases = encoder.output(Topics.BASES);
    reduced = encoder.output(Topics.FEATURES);
    models = encoder.output(Topics.MODELS);
    deadLetters = encoder.output(Topics.DEAD_LETTERS);
  }

  @AfterEach
  void stop() {
    encoder.close();
  }

  @Test
  void shouldFitTheBasisOnceAllTrainingFeaturesArrive() {
    registerExperiment();
    for (int s = TRAIN; s < TRAIN + TEST; s++) {
      pipeFeatures(s, x[s]);
    }
    for (int s = 0; s < TRAIN - 1; s++) {
      pipeFeatures(s, x[s]);
      assertTrue(bases.isEmpty(), "no basis before the last training stimulus");
      assertTrue(reduced.isEmpty(), "no reduced features before the basis");
    }
    pipeFeatures(TRAIN - 1, x[TRAIN - 1]);

    List<TestRecord<String, FeatureBasisRecord>> published = bases.readRecordsToList();
    assertEquals(1, published.size());
    assertEquals(Ids.join(EXPERIMENT, MODEL, LAYER), published.get(0).key());
    FeatureBasisRecord record = published.get(0).value();
    FeatureBasis basis = FeatureBasis.fromBytes(bytes(record.getBasis()));
    assertEquals(basis.version(), record.getVersion());
    assertEquals(COMPONENTS, record.getComponents());
    assertEquals(TRAIN, record.getTrainStimuli());
    assertArrayEquals(basis.explainedVarianceRatio(), Tensors.toDoubles(record.getExplainedVarianceRatio()), 0);

    double[][] trainingRows = new double[TRAIN][];
    System.arraycopy(x, 0, trainingRows, 0, TRAIN);
    FeatureBasis direct = new PcaFitter(PcaSettings.defaults().withComponents(COMPONENTS)).fit(trainingRows);

    Map<String, Features> byStimulus = reducedByStimulus();
    assertEquals(TRAIN + TEST, byStimulus.size(), "reduced features for every stimulus, train and test");
    for (int s = 0; s < TRAIN + TEST; s++) {
      Features f = byStimulus.get(stimulusId(s));
      assertReduced(f, s, x[s], basis);
      assertArrayEquals(direct.transform(x[s]), Tensors.toDoubles(f.getValues()), 1e-12);
    }
    assertTrue(deadLetters.isEmpty());
  }

  @Test
  void shouldTransformLateFeaturesWithTheFrozenBasis() {
    registerExperiment();
    for (int s = 0; s < TRAIN; s++) {
      pipeFeatures(s, x[s]);
    }
    FeatureBasisRecord record = bases.readValue();
    FeatureBasis basis = FeatureBasis.fromBytes(bytes(record.getBasis()));
    assertEquals(TRAIN, reduced.readRecordsToList().size());

    pipeFeatures(TRAIN, x[TRAIN]);
    List<Features> late = reduced.readValuesToList();
    assertEquals(1, late.size());
    assertReduced(late.get(0), TRAIN, x[TRAIN], basis);

    // a re-extraction of the training stimuli with other values: projected, never refitted
    for (int s = 0; s < TRAIN; s++) {
      double[] changed = x[s].clone();
      changed[0] += 5 * s;
      pipeFeatures(s, changed);
      List<Features> again = reduced.readValuesToList();
      assertEquals(1, again.size());
      assertReduced(again.get(0), s, changed, basis);
    }
    driver.advanceWallClockTime(Duration.ofSeconds(2));
    assertTrue(bases.isEmpty(), "still one basis, with the same version");
    assertTrue(deadLetters.isEmpty());
  }

  @Test
  void shouldEncodeReducedFeaturesOnly() {
    registerExperiment();
    for (int r = 0; r < REPETITIONS; r++) {
      for (int s = 0; s < TRAIN + TEST; s++) {
        responses.pipeInput(key(s), Topics.RESPONSES.valueSerde().serializer().serialize(Topics.RESPONSES.name(),
            response(s, r)));
      }
    }
    for (int s = 0; s < TRAIN + TEST; s++) {
      pipeFeatures(s, x[s]);
    }
    driver.advanceWallClockTime(Duration.ofSeconds(1));
    driver.advanceWallClockTime(Duration.ofSeconds(1));
    String version = bases.readValue().getVersion();
    String reducedLayer = LAYER + "." + version;

    List<ModelSnapshot> snapshots = models.readValuesToList();
    assertFalse(snapshots.isEmpty(), "the reduced layer is encoded");
    for (ModelSnapshot snapshot : snapshots) {
      assertEquals(reducedLayer, snapshot.getLayer(), "only the reduced layer has cells");
      assertEquals(List.of(COMPONENTS, VOXELS), snapshot.getCoef().getShape());
    }
    ModelSnapshot last = snapshots.get(snapshots.size() - 1);
    assertEquals(TRAIN, last.getNTrain());
    assertEquals(TEST, last.getNTest());
    assertTrue(deadLetters.isEmpty());
  }

  @Test
  void shouldWaitForTheExperimentBeforeFitting() {
    for (int s = 0; s < TRAIN + TEST; s++) {
      pipeFeatures(s, x[s]);
    }
    driver.advanceWallClockTime(Duration.ofSeconds(1));
    assertTrue(bases.isEmpty());
    registerExperiment();
    driver.advanceWallClockTime(Duration.ofSeconds(1));
    FeatureBasisRecord record = bases.readValue();
    FeatureBasis basis = FeatureBasis.fromBytes(bytes(record.getBasis()));
    Map<String, Features> byStimulus = reducedByStimulus();
    assertEquals(TRAIN + TEST, byStimulus.size());
    for (int s = 0; s < TRAIN + TEST; s++) {
      assertReduced(byStimulus.get(stimulusId(s)), s, x[s], basis);
    }
    assertTrue(bases.isEmpty());
  }

  /**
   * The default (PCA to 100 components) on a tiny experiment, like an `acquire` one: 10 training and 2 test
   * stimuli, a layer of 8 features (p ≤ K: kept whole) and one of 40 (n − 1 ≤ K: 9 components). Both are
   * reduced and encoded, nothing is a dead letter.
   */
  @Test
  void shouldEncodeTinyExperimentsAndSmallLayersWithTheDefaultComponents(@TempDir java.nio.file.Path tinyState) {
    EncoderSettings defaults = EncoderSettings.defaults("tiny").withSolveInterval(Duration.ofSeconds(1));
    assertEquals(100, defaults.pcaComponents(), "PCA-100 is the default");
    int train = 10;
    int test = 2;
    Map<String, Integer> widths = Map.of("small", FEATURES, "wide", 40);
    Map<String, Integer> expected = Map.of("small", FEATURES, "wide", train - 1);
    Random random = new Random(11);
    try (EncoderTestDriver tiny = new EncoderTestDriver(defaults, tinyState)) {
      List<String> stimuli = new ArrayList<>();
      for (int s = 0; s < train + test; s++) {
        stimuli.add(stimulusId(s));
      }
      tiny.registerExperiment(EXPERIMENT, SUBJECT, ROI, VOXELS, stimuli, train, REPETITIONS);
      for (int r = 0; r < REPETITIONS; r++) {
        for (int s = 0; s < train + test; s++) {
          tiny.pipe(Topics.RESPONSES, key(s), response(s, r));
        }
      }
      for (Map.Entry<String, Integer> layer : widths.entrySet()) {
        for (int s = 0; s < train + test; s++) {
          double[] values = random.doubles(layer.getValue()).toArray();
          values[0] = x[s][0];
          tiny.pipe(Topics.FEATURES, key(s), features(layer.getKey(), s, values));
        }
      }
      tiny.driver().advanceWallClockTime(Duration.ofSeconds(1));
      tiny.driver().advanceWallClockTime(Duration.ofSeconds(1));

      Map<String, String> reducedLayers = new HashMap<>();
      for (FeatureBasisRecord record : tiny.output(Topics.BASES).readValuesToList()) {
        assertEquals(expected.get(record.getLayer()), record.getComponents(), record.getLayer() + ": min(K, p, n - 1)");
        assertEquals(train, record.getTrainStimuli());
        reducedLayers.put(record.getLayer() + "." + record.getVersion(), record.getLayer());
      }
      assertEquals(widths.keySet(), new java.util.HashSet<>(reducedLayers.values()), "a basis per layer");
      Map<String, ModelSnapshot> lastByLayer = new HashMap<>();
      for (ModelSnapshot snapshot : tiny.output(Topics.MODELS).readValuesToList()) {
        assertTrue(reducedLayers.containsKey(snapshot.getLayer()), "only reduced layers are encoded: " + snapshot.getLayer());
        lastByLayer.put(snapshot.getLayer(), snapshot);
      }
      assertEquals(reducedLayers.keySet(), lastByLayer.keySet(), "both reduced layers are encoded");
      for (ModelSnapshot snapshot : lastByLayer.values()) {
        String raw = reducedLayers.get(snapshot.getLayer());
        assertEquals(List.of(expected.get(raw), VOXELS), snapshot.getCoef().getShape());
        assertEquals(train, snapshot.getNTrain());
        assertEquals(test, snapshot.getNTest());
      }
      assertTrue(tiny.output(Topics.DEAD_LETTERS).isEmpty());
    }
  }

  private void assertReduced(Features f, int s, double[] raw, FeatureBasis basis) {
    assertEquals(EXPERIMENT, f.getExperimentId());
    assertEquals(stimulusId(s), f.getStimulusId());
    assertEquals(MODEL, f.getModel());
    assertEquals(LAYER + "." + basis.version(), f.getLayer());
    assertTrue(Ids.isValid(f.getLayer()), f.getLayer());
    assertEquals(basis.version(), f.getAttributes().get(ReducedFeatures.BASIS_ATTRIBUTE));
    assertEquals(String.valueOf(COMPONENTS), f.getAttributes().get(ReducedFeatures.COMPONENTS_ATTRIBUTE));
    assertEquals(LAYER, f.getAttributes().get(ReducedFeatures.RAW_LAYER_ATTRIBUTE));
    assertEquals("video", f.getAttributes().get("modality"), "the raw attributes are kept");
    assertEquals(List.of(COMPONENTS), f.getValues().getShape());
    assertArrayEquals(basis.transform(raw), Tensors.toDoubles(f.getValues()), 1e-12);
  }

  private Map<String, Features> reducedByStimulus() {
    Map<String, Features> byStimulus = new HashMap<>();
    for (TestRecord<String, Features> record : reduced.readRecordsToList()) {
      assertEquals(key(stimulusIndex(record.value().getStimulusId())), record.key());
      assertTrue(byStimulus.put(record.value().getStimulusId(), record.value()) == null, "one per stimulus");
    }
    return byStimulus;
  }

  private void registerExperiment() {
    List<String> stimuli = new ArrayList<>();
    for (int s = 0; s < TRAIN + TEST; s++) {
      stimuli.add(stimulusId(s));
    }
    encoder.registerExperiment(EXPERIMENT, SUBJECT, ROI, VOXELS, stimuli, TRAIN, REPETITIONS);
  }

  private void pipeFeatures(int s, double[] values) {
    features.pipeInput(key(s), Topics.FEATURES.valueSerde().serializer().serialize(Topics.FEATURES.name(),
        features(LAYER, s, values)));
  }

  private static Features features(String layer, int s, double[] values) {
    return Features.newBuilder()
        .setExperimentId(EXPERIMENT).setStimulusId(stimulusId(s)).setModel(MODEL).setLayer(layer)
        .setValues(Tensors.ofDoubles(values, values.length))
        .setAttributes(Map.of("modality", "video"))
        .setExtractedAtMs(0)
        .build();
  }

  private Response response(int s, int repetition) {
    return Response.newBuilder()
        .setExperimentId(EXPERIMENT).setSubjectId(SUBJECT).setStimulusId(stimulusId(s)).setRoi(ROI)
        .setRepetition(repetition)
        .setValues(Tensors.ofDoubles(y[s][repetition], VOXELS))
        .setAcquiredAtMs(0)
        .build();
  }

  private static String stimulusId(int s) {
    return String.format("stim%03d", s);
  }

  private static int stimulusIndex(String stimulusId) {
    return Integer.parseInt(stimulusId.substring(4));
  }

  private static String key(int s) {
    return EXPERIMENT + "/" + stimulusId(s);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }

}
