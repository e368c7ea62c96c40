package org.neuroencode.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.core.math.PairedMoments;
import org.neuroencode.core.schema.DeadLetter;
import org.neuroencode.core.schema.ModelSnapshot;
import org.neuroencode.core.schema.Score;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.core.topic.Topics;

class EvaluatorTopologyTest {
  private static final int VOXELS = 5;
  private static final int FOLDS = 3;
  private static final int PER_FOLD = 12;

  @TempDir
  Path stateDir;

  /** The score's r is the correlation of the pairs about each fold's own means, computed here the long way. */
  @Test
  void shouldScoreEachVoxelByItsWithinFoldPooledCorrelation() {
    Random random = new Random(5);
    double[][][] predicted = new double[FOLDS][PER_FOLD][VOXELS];
    double[][][] observed = new double[FOLDS][PER_FOLD][VOXELS];
    PairedMoments within = new PairedMoments(VOXELS);
    PairedMoments pooled = new PairedMoments(VOXELS);
    for (int f = 0; f < FOLDS; f++) {
      PairedMoments fold = new PairedMoments(VOXELS);
      for (int i = 0; i < PER_FOLD; i++) {
        for (int j = 0; j < VOXELS; j++) {
          observed[f][i][j] = random.nextGaussian() + 3 * f;
          predicted[f][i][j] = 0.5 * observed[f][i][j] + random.nextGaussian() - 2 * f;
        }
        fold.add(predicted[f][i], observed[f][i]);
      }
      pooled.merge(fold);
      within.merge(fold.centered());
    }
    Score score = evaluate(snapshot(pooled, within));

    double[] expected = new double[VOXELS];
    for (int j = 0; j < VOXELS; j++) {
      double spo = 0;
      double spp = 0;
      double soo = 0;
      for (int f = 0; f < FOLDS; f++) {
        double mp = 0;
        double mo = 0;
        for (int i = 0; i < PER_FOLD; i++) {
          mp += predicted[f][i][j] / PER_FOLD;
          mo += observed[f][i][j] / PER_FOLD;
        }
        for (int i = 0; i < PER_FOLD; i++) {
          spo += (predicted[f][i][j] - mp) * (observed[f][i][j] - mo);
          spp += (predicted[f][i][j] - mp) * (predicted[f][i][j] - mp);
          soo += (observed[f][i][j] - mo) * (observed[f][i][j] - mo);
        }
      }
      expected[j] = spo / Math.sqrt(spp * soo);
    }
    double[] actual = Tensors.toDoubles(score.getVoxelR());
    for (int j = 0; j < VOXELS; j++) {
      assertEquals(expected[j], actual[j], 1e-6, "voxel " + j);
    }
    assertEquals(Arrays.stream(expected).average().orElseThrow(), score.getMeanR(), 1e-6);
    double[] sorted = expected.clone();
    Arrays.sort(sorted);
    assertEquals(sorted[VOXELS / 2], score.getMedianR(), 1e-6);
    assertNull(score.getTestMeanR(), "no test split in this snapshot");
    assertEquals("exp/sub01/m/l/V1/base", lastKey);
  }

  @Test
  void shouldScoreARoiOnceEveryVoxelBlockIsIn() {
    Random random = new Random(9);
    PairedMoments[] within = new PairedMoments[2];
    double[] expected = new double[2 * VOXELS];
    for (int block = 0; block < 2; block++) {
      within[block] = new PairedMoments(VOXELS);
      for (int i = 0; i < PER_FOLD; i++) {
        double[] p = new double[VOXELS];
        double[] o = new double[VOXELS];
        for (int j = 0; j < VOXELS; j++) {
          o[j] = random.nextGaussian();
          p[j] = (block + 1) * 0.3 * o[j] + random.nextGaussian();
        }
        within[block].add(p, o);
      }
      System.arraycopy(within[block].pearson(), 0, expected, block * VOXELS, VOXELS);
    }
    try (TopologyTestDriver driver = driver()) {
      TestInputTopic<String, byte[]> models = driver.createInputTopic(Topics.MODELS.name(), new StringSerializer(),
          new ByteArraySerializer());
      var scores = driver.createOutputTopic(Topics.SCORES.name(), Topics.SCORES.keySerde().deserializer(),
          Topics.SCORES.valueSerde().deserializer());
      models.pipeInput("exp/sub01/m/l/V1/1", encode(block(within[1], 1)));
      assertTrue(scores.isEmpty(), "no score while block 0 is missing");
      models.pipeInput("exp/sub01/m/l/V1/0", encode(block(within[0], 0)));
      Score score = scores.readValue();
      double[] actual = Tensors.toDoubles(score.getVoxelR());
      assertEquals(2 * VOXELS, actual.length);
      for (int j = 0; j < actual.length; j++) {
        assertEquals(expected[j], actual[j], 1e-6, "voxel " + j);
      }
    }
  }

  private static ModelSnapshot block(PairedMoments within, int block) {
    ModelSnapshot snapshot = snapshot(within, within);
    snapshot.setVoxelBlock(block);
    snapshot.setVoxelBlocks(2);
    snapshot.setVoxelOffset(block * VOXELS);
    snapshot.setRoiVoxels(2 * VOXELS);
    return snapshot;
  }

  private static byte[] encode(ModelSnapshot snapshot) {
    return Topics.MODELS.valueSerde().serializer().serialize(Topics.MODELS.name(), snapshot);
  }

  @Test
  void shouldDeadLetterAnUndecodableSnapshot() {
    try (TopologyTestDriver driver = driver()) {
      TestInputTopic<String, byte[]> models = driver.createInputTopic(Topics.MODELS.name(), new StringSerializer(),
          new ByteArraySerializer());
      models.pipeInput("exp/sub01/m/l/V1", "garbage".getBytes(StandardCharsets.UTF_8));
      List<DeadLetter> letters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(),
          Topics.DEAD_LETTERS.keySerde().deserializer(), Topics.DEAD_LETTERS.valueSerde().deserializer())
          .readValuesToList();
      assertEquals(1, letters.size());
      assertEquals(EvaluatorTopology.STAGE, letters.get(0).getStage());
      assertTrue(letters.get(0).getReason().contains("ModelSnapshot"), letters.get(0).getReason());
    }
  }

  private String lastKey;

  private Score evaluate(ModelSnapshot snapshot) {
    try (TopologyTestDriver driver = driver()) {
      driver.createInputTopic(Topics.MODELS.name(), new StringSerializer(), new ByteArraySerializer())
          .pipeInput("exp/sub01/m/l/V1", Topics.MODELS.valueSerde().serializer().serialize(Topics.MODELS.name(), snapshot));
      var records = driver.createOutputTopic(Topics.SCORES.name(), Topics.SCORES.keySerde().deserializer(),
          Topics.SCORES.valueSerde().deserializer()).readKeyValuesToList();
      assertEquals(1, records.size());
      lastKey = records.get(0).key;
      return records.get(0).value;
    }
  }

  private TopologyTestDriver driver() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "evaluator-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    return new TopologyTestDriver(EvaluatorTopology.build(), props);
  }

  private static ModelSnapshot snapshot(PairedMoments pooled, PairedMoments within) {
    double[] ones = new double[VOXELS];
    Arrays.fill(ones, 1.0);
    return ModelSnapshot.newBuilder()
        .setRunId("r").setExperimentId("exp").setSubjectId("sub01").setModel("m").setLayer("l").setRoi("V1")
        .setBasisVersion("raw-2").setNTrain(FOLDS * PER_FOLD).setNTest(0).setResponses(FOLDS * PER_FOLD)
        .setFolds(FOLDS).setCriterion("R2").setAlphas(List.of(1.0))
        .setBestAlpha(Tensors.ofDoubles(ones, VOXELS))
        .setCoef(Tensors.ofDoubles(new double[2 * VOXELS], 2, VOXELS))
        .setIntercept(Tensors.ofDoubles(new double[VOXELS], VOXELS))
        .setOofMoments(Tensors.ofDoubles(pooled.toMatrix(), PairedMoments.ROWS, VOXELS))
        .setOofWithinFoldMoments(Tensors.ofDoubles(within.toMatrix(), PairedMoments.ROWS, VOXELS))
        .setAttributes(Map.of())
        .setUpdatedAtMs(0)
        .build();
  }
}
