package org.neuroencode.encoder.connectivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.core.ids.Folds;
import org.neuroencode.core.schema.Connectivity;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.schema.Features;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.RoiSpec;
import org.neuroencode.core.schema.Score;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.StimulusSpec;
import org.neuroencode.core.schema.SubjectSpec;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.encoder.EncoderSettings;
import org.neuroencode.encoder.EncoderTestDriver;

class ConnectivityStreamingTest {
  private static final int FOLDS = 5;
  private static final int VOXELS = 4;

  @TempDir
  Path stateDir;

  @Test
  void shouldGiveTheBatchResultAfterStreamingTheSameData() throws InterruptedException {
    ModelData generated = CoupledBrain.generate(5, 150, 12, 8, VOXELS, CoupledBrain.feedforward(1), 1, FOLDS);
    EncoderSettings settings = EncoderSettings.defaults("stream").withSolveInterval(Duration.ofSeconds(1)).withPca(0)
        .withConnectivity(ConnectivitySettings.defaults().withRefit(Duration.ofSeconds(1), 1));
    try (EncoderTestDriver encoder = new EncoderTestDriver(settings, stateDir)) {
      encoder.pipe(Topics.EXPERIMENTS, "exp", experiment(generated));
      List<ModelData.Row> all = new ArrayList<>(generated.train());
      all.addAll(generated.test());
      for (ModelData.Row row : all) {
        encoder.pipe(Topics.FEATURES, "exp/" + row.stimulusId(), Features.newBuilder().setExperimentId("exp")
            .setStimulusId(row.stimulusId()).setModel("toy").setLayer("l1")
            .setValues(Tensors.ofDoubles(row.features()[0], row.features()[0].length)).setExtractedAtMs(0).build());
        for (int r = 0; r < CoupledBrain.ROIS.size(); r++) {
          double[] values = java.util.Arrays.copyOfRange(row.response(), r * VOXELS, (r + 1) * VOXELS);
          encoder.pipe(Topics.RESPONSES, "exp/" + row.stimulusId(), Response.newBuilder().setExperimentId("exp")
              .setSubjectId("sub01").setStimulusId(row.stimulusId()).setRoi(CoupledBrain.ROIS.get(r)).setRepetition(0)
              .setValues(Tensors.ofDoubles(values, VOXELS)).setAcquiredAtMs(0).build());
        }
      }
      // the refit runs on a background thread: punctuate until a punctuation finds it done and emits it
      Map<String, Score> scores = new java.util.HashMap<>();
      Map<String, Connectivity> matrices = new java.util.HashMap<>();
      long deadline = System.currentTimeMillis() + 120_000;
      while (matrices.isEmpty() && System.currentTimeMillis() < deadline) {
        encoder.driver().advanceWallClockTime(Duration.ofSeconds(2));
        scores.putAll(encoder.output(Topics.SCORES).readKeyValuesToMap());
        matrices.putAll(encoder.output(Topics.CONNECTIVITY).readKeyValuesToMap());
        Thread.sleep(100);
      }
      assertFalse(matrices.isEmpty(), "no connectivity was published");
      Connectivity streamed = matrices.get("exp/sub01/toy/l1");

      ModelData sorted = sortedByRoi(generated);
      LayerConnectivity batch = ModelConnectivity.compute(sorted, settings.ridge(), settings.connectivity()).layers().get(0);
      assertEquals(sorted.rois(), streamed.getRois().stream().map(Object::toString).collect(Collectors.toList()));
      double[] weights = Tensors.toDoubles(streamed.getWeights());
      double[] unique = Tensors.toDoubles(streamed.getUniqueContribution());
      for (int t = 0; t < sorted.rois().size(); t++) {
        for (int s = 0; s < sorted.rois().size(); s++) {
          assertEquals(batch.weights()[t][s], weights[t * sorted.rois().size() + s], 1e-9);
          assertEquals(batch.uniqueContribution()[t][s], unique[t * sorted.rois().size() + s], 1e-9);
        }
        for (Variant variant : List.of(Variant.INTRA, Variant.INTER, Variant.FULL)) {
          Score score = scores.get("exp/sub01/toy/l1/" + sorted.rois().get(t) + "/" + variant.id());
          assertEquals(batch.meanR(t, variant), score.getMeanR(), 1e-9, sorted.rois().get(t) + " " + variant.id());
        }
      }
    }
  }

  private static Experiment experiment(ModelData data) {
    List<StimulusSpec> stimuli = new ArrayList<>();
    data.train().forEach(row -> stimuli.add(new StimulusSpec(row.stimulusId(), Split.TRAIN)));
    data.test().forEach(row -> stimuli.add(new StimulusSpec(row.stimulusId(), Split.TEST)));
    List<RoiSpec> rois = CoupledBrain.ROIS.stream().map(roi -> new RoiSpec(roi, VOXELS, null)).collect(Collectors.toList());
    return Experiment.newBuilder().setExperimentId("exp").setSubjects(List.of(new SubjectSpec("sub01", rois)))
        .setStimuli(stimuli).setTrainRepetitions(1).setTestRepetitions(1).setCreatedAtMs(0).build();
  }

  /** The same data as the stream assembles it: ROIs by name, folds by stimulus id, rows by stimulus id. */
  private static ModelData sortedByRoi(ModelData data) {
    List<String> order = data.rois().stream().sorted().collect(Collectors.toList());
    List<ModelData.Row> train = new ArrayList<>();
    List<ModelData.Row> test = new ArrayList<>();
    for (ModelData.Row row : data.train()) {
      train.add(new ModelData.Row(row.stimulusId(), Folds.of(row.stimulusId(), data.folds()), row.features(),
          reorder(row.response(), data.rois(), order)));
    }
    for (ModelData.Row row : data.test()) {
      test.add(new ModelData.Row(row.stimulusId(), -1, row.features(), reorder(row.response(), data.rois(), order)));
    }
    train.sort(Comparator.comparing(ModelData.Row::stimulusId));
    test.sort(Comparator.comparing(ModelData.Row::stimulusId));
    int[] voxels = new int[order.size()];
    java.util.Arrays.fill(voxels, VOXELS);
    return new ModelData(data.layers(), order, voxels, data.folds(), train, test);
  }

  private static double[] reorder(double[] response, List<String> from, List<String> to) {
    double[] out = new double[response.length];
    for (int r = 0; r < to.size(); r++) {
      System.arraycopy(response, from.indexOf(to.get(r)) * VOXELS, out, r * VOXELS, VOXELS);
    }
    return out;
  }
}
