package org.neuroencode.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.app.Main;
import org.neuroencode.app.broker.SharedBroker;
import org.neuroencode.app.broker.TopicContents;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.schema.DType;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.schema.Features;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.RoiSpec;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.Stimulus;
import org.neuroencode.core.schema.StimulusSpec;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.ingest.readers.Fixtures;

/** The dataset readers' commands against the shared embedded broker: what they register and publish. */
class IngestReadersIT {
  @TempDir static Path dir;
  static JsonNode expected;
  static KafkaSettings kafka;

  @BeforeAll
  static void setUp() throws Exception {
    kafka = SharedBroker.kafka();
    expected = Fixtures.writeDatasets(dir);
  }

  @Test
  void shouldPublishHdf5ResponsesWithEveryRepetitionAndTheirFeatures() {
    assertEquals(0, run("ingest", "hdf5", "--path", dir.resolve("responses.hdf").toString(),
        "--path", dir.resolve("motion_energy.hdf").toString(), "--experiment", "hdf5-it", "--subject", "S01",
        "--data-root", dir.toString()));
    Experiment experiment = latest("hdf5-it");
    assertEquals(List.of(new RoiSpec("all", 5, null)), experiment.getSubjects().get(0).getRois());
    assertEquals(8, experiment.getStimuli().stream().filter(s -> s.getSplit() == Split.TRAIN).count());
    assertEquals(4, experiment.getStimuli().stream().filter(s -> s.getSplit() == Split.TEST).count());
    assertEquals(1, experiment.getTrainRepetitions());
    assertEquals(3, experiment.getTestRepetitions());

    List<Response> responses = TopicContents.read(kafka, Topics.RESPONSES, r -> r.getExperimentId().equals("hdf5-it"));
    assertEquals(8 + 4 * 3, responses.size());
    Response test2rep1 = responses.stream()
        .filter(r -> r.getStimulusId().equals("test00002") && r.getRepetition() == 1).findFirst().orElseThrow();
    assertEquals(DType.FLOAT64, test2rep1.getValues().getDtype(), "float64 stays float64");
    assertBits(expected.get("hdf5").get("Y_test"), (1 * 4 + 2) * 5, Tensors.toDoubles(test2rep1.getValues()));
    assertTrue(responses.stream().filter(r -> r.getStimulusId().startsWith("train"))
        .allMatch(r -> r.getValues().getDtype() == DType.FLOAT32));

    List<Features> features = TopicContents.read(kafka, Topics.FEATURES, f -> f.getExperimentId().equals("hdf5-it"));
    assertEquals(12, features.size());
    Features train3 = features.stream().filter(f -> f.getStimulusId().equals("train00003")).findFirst().orElseThrow();
    assertEquals("motion_energy", train3.getModel());
    assertEquals("X", train3.getLayer());
    assertBits(expected.get("hdf5").get("X_train"), 3 * 6, Tensors.toDoubles(train3.getValues()));
  }

  @Test
  void shouldPublishBoldMomentsWithHemispheresCombinedAndItsVideos() {
    Path bmd = dir.resolve("bmd");
    assertEquals(0, run("ingest", "bmd", "--path", bmd.toString(), "--videos", bmd.resolve("stimuli").toString(),
        "--combine-hemispheres", "--experiment", "bmd-it"));
    Experiment experiment = latest("bmd-it");
    assertEquals(List.of(new RoiSpec("EBA", 5, null), new RoiSpec("V1v", 9, null)),
        experiment.getSubjects().get(0).getRois());
    assertEquals(List.of("0001", "0002", "0003", "0004", "0005", "0006", "1001", "1002"),
        experiment.getStimuli().stream().map(StimulusSpec::getStimulusId).toList());
    assertEquals(3, experiment.getTrainRepetitions());
    assertEquals(10, experiment.getTestRepetitions());
    assertEquals(2 * (6 * 3 + 2 * 10),
        TopicContents.read(kafka, Topics.RESPONSES, r -> r.getExperimentId().equals("bmd-it")).size());
    List<Stimulus> videos = TopicContents.read(kafka, Topics.STIMULI, s -> s.getExperimentId().equals("bmd-it"));
    assertEquals(8, videos.size());
    Stimulus test = videos.stream().filter(s -> s.getStimulusId().equals("1002")).findFirst().orElseThrow();
    assertEquals(Split.TEST, test.getSplit());
    assertEquals("test video 1002", StandardCharsets.UTF_8.decode(test.getContent().duplicate()).toString());
  }

  @Test
  void shouldRegisterTheFullTrackWholeBrainWithItsMask() {
    assertEquals(0, run("ingest", "algonauts", "--track", "full", "--path", dir.resolve("algonauts").toString(),
        "--experiment", "algonauts-full-it"));
    Experiment experiment = latest("algonauts-full-it");
    RoiSpec wb = experiment.getSubjects().get(1).getRois().get(0);
    assertEquals("WB", wb.getName());
    assertEquals(7, wb.getVoxels());
    assertNotNull(wb.getMask());
    assertEquals(List.of(4, 5, 3), wb.getMask().getShape());
    assertEquals(2 * 5 * 3,
        TopicContents.read(kafka, Topics.RESPONSES, r -> r.getExperimentId().equals("algonauts-full-it")).size());
  }

  @Test
  void shouldPublishPrecomputedFeaturesWithTheirCatalogueAttributes() {
    assertEquals(0, run("ingest", "features", "--experiment", "features-it", "--model", "r3d18", "--layer", "layer3",
        "--npy", dir.resolve("features.npy").toString(), "--stimuli", dir.resolve("feature_ids.txt").toString(),
        "--modality", "video", "--arch", "conv", "--streams", "single", "--pretraining", "kinetics400",
        "--supervision", "supervised"));
    List<Features> features = TopicContents.read(kafka, Topics.FEATURES, f -> f.getExperimentId().equals("features-it"));
    assertEquals(List.of("clip1", "clip2", "clip3", "clip4"), features.stream().map(Features::getStimulusId).sorted().toList());
    Features clip3 = features.stream().filter(f -> f.getStimulusId().equals("clip3")).findFirst().orElseThrow();
    assertEquals(DType.FLOAT64, clip3.getValues().getDtype());
    assertBits(expected.get("features"), 2 * 6, Tensors.toDoubles(clip3.getValues()));
    assertEquals("video", clip3.getAttributes().get("modality"));
    assertEquals("conv", clip3.getAttributes().get("arch"));
    assertEquals("kinetics400", clip3.getAttributes().get("pretraining"));
    assertTrue(!clip3.getAttributes().containsKey("multiscale"), "unset attributes are left out");
  }

  @Test
  void shouldStreamAFortranOrderNpyCubeOneStimulusAtATime() throws Exception {
    Path ids = java.nio.file.Files.writeString(dir.resolve("cube_ids.txt"), "s1\ns2\ns3\ns4\ns5\n");
    Path test = java.nio.file.Files.writeString(dir.resolve("cube_test_ids.txt"), "s5\n");
    assertEquals(0, run("ingest", "npy", "--responses", dir.resolve("cube_fortran.npy").toString(), "--roi", "V1",
        "--stimuli", ids.toString(), "--test-stimuli", test.toString(), "--subject", "S01", "--experiment", "npy-it"));
    List<Response> responses = TopicContents.read(kafka, Topics.RESPONSES, r -> r.getExperimentId().equals("npy-it"));
    assertEquals(5 * 3, responses.size());
    Response s4rep2 = responses.stream().filter(r -> r.getStimulusId().equals("s4") && r.getRepetition() == 2)
        .findFirst().orElseThrow();
    assertEquals(DType.FLOAT32, s4rep2.getValues().getDtype());
    assertBits(expected.get("cubeFortran"), (3 * 3 + 2) * 4, Tensors.toDoubles(s4rep2.getValues()));
    assertEquals(Split.TEST, latest("npy-it").getStimuli().get(4).getSplit());
  }

  @Test
  void shouldRefuseAMalformedFileInOneLineAndPublishNothing() {
    String err = CommandLineTest.stderrOf(() -> assertEquals(1, run("ingest", "bmd", "--path", dir.resolve("bad/bmd").toString(),
        "--bids", dir.resolve("bmd").toString(), "--experiment", "bad-bmd-it")));
    assertEquals(1, err.strip().lines().count(), err);
    assertTrue(err.startsWith("neuroencode ingest bmd: " + dir.resolve("bad/bmd/sub-01/sub-01_roi-lEBA_betas_normalized.pkl")
        + ": unexpected keys [surprise"), err);
    assertTrue(TopicContents.read(kafka, Topics.EXPERIMENTS, e -> e.getExperimentId().equals("bad-bmd-it")).isEmpty());
  }

  @Test
  void shouldRefuseAPathOutsideTheDataRoot() {
    String err = CommandLineTest.stderrOf(() -> assertEquals(1, run("ingest", "hdf5", "--path", dir.resolve("responses.hdf").toString(),
        "--experiment", "outside-it", "--subject", "S01", "--data-root", dir.resolve("bmd").toString())));
    assertTrue(err.contains(dir.resolve("responses.hdf") + ": outside the data root"), err);
    assertTrue(TopicContents.read(kafka, Topics.EXPERIMENTS, e -> e.getExperimentId().equals("outside-it")).isEmpty());
  }

  private static int run(String... args) {
    String[] withBroker = java.util.Arrays.copyOf(args, args.length + 2);
    withBroker[args.length] = "--bootstrap-servers";
    withBroker[args.length + 1] = kafka.bootstrapServers();
    return Main.run(withBroker);
  }

  private static Experiment latest(String experimentId) {
    return TopicContents.read(kafka, Topics.EXPERIMENTS, e -> e.getExperimentId().equals(experimentId)).stream()
        .max(Comparator.comparingLong(Experiment::getCreatedAtMs)).orElseThrow();
  }

  private static void assertBits(JsonNode want, int from, double[] values) {
    for (int i = 0; i < values.length; i++) {
      assertEquals(want.get("bits").get(from + i).asLong(), Double.doubleToLongBits(values[i]), "value " + i);
    }
  }
}
