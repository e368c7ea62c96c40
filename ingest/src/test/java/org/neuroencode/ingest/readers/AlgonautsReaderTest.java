package org.neuroencode.ingest.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.core.schema.DType;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.StimulusSpec;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.ingest.readers.pickle.PickleFormatException;
import org.neuroencode.ingest.readers.pickle.PickledArray;

class AlgonautsReaderTest {
  @TempDir static Path dir;
  static JsonNode expected;
  static AlgonautsReader reader;

  @BeforeAll
  static void writeFixtures() throws Exception {
    expected = Fixtures.write(dir);
    reader = new AlgonautsReader(dir.resolve("algonauts"));
  }

  @Test
  void findsSubjectsAndRoisFromTheDownloadRootOrTheTrackFolder() throws Exception {
    assertEquals(List.of("sub01", "sub02"), reader.subjects());
    assertEquals(List.of("EBA", "V1"), reader.rois("sub01"));
    assertEquals(reader.subjects(),
        new AlgonautsReader(dir.resolve("algonauts/participants_data_v2021/mini_track")).subjects());
  }

  @Test
  void readsEachRoiBitForBitWithItsVoxelCount() throws Exception {
    for (String subject : reader.subjects()) {
      for (String roi : reader.rois(subject)) {
        JsonNode want = expected.get("algonauts").get(subject).get(roi);
        PickledArray array = reader.read(subject, roi);
        Fixtures.assertArray(want, array.dtype(), array.shape(), array.values());
        assertEquals(want.get("shape").get(2).asInt(), array.shape()[2]);
      }
    }
  }

  @Test
  void namesTrainVideosVideo0001OnwardsWithoutAVideoFolder() throws Exception {
    List<StimulusSpec> stimuli = AlgonautsReader.stimuli(null, 5);
    assertEquals(5, stimuli.size());
    assertEquals("video0001", stimuli.get(0).getStimulusId());
    assertEquals("video0005", stimuli.get(4).getStimulusId());
    assertTrue(stimuli.stream().allMatch(s -> s.getSplit() == Split.TRAIN));
  }

  @Test
  void takesSortedVideoNamesAndSplitsTrainFromTestAtTheResponseCount() throws Exception {
    List<StimulusSpec> stimuli = AlgonautsReader.stimuli(dir.resolve("videos"), 5);
    assertEquals(List.of("0001_clip", "0002_clip", "0003_clip", "0004_clip", "0005_clip", "0006_clip", "0007_clip"),
        stimuli.stream().map(StimulusSpec::getStimulusId).toList());
    assertEquals(List.of(Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TEST, Split.TEST),
        stimuli.stream().map(StimulusSpec::getSplit).toList());
  }

  @Test
  void registersRoiVoxelCountsAndPublishesEveryRepetitionInTheSourceDtype() throws Exception {
    List<StimulusSpec> stimuli = AlgonautsReader.stimuli(null, 5);
    Map<String, Map<String, Integer>> voxels = new LinkedHashMap<>();
    for (String subject : reader.subjects()) {
      for (String roi : reader.rois(subject)) {
        voxels.computeIfAbsent(subject, s -> new LinkedHashMap<>()).put(roi, reader.read(subject, roi).shape()[2]);
      }
    }
    Experiment experiment = ResponseCubes.experiment("alg", "test", voxels, stimuli, 3, 0, Map.of());
    assertEquals(6, experiment.getSubjects().get(0).getRois().get(1).getVoxels());
    assertEquals("V1", experiment.getSubjects().get(0).getRois().get(1).getName());
    assertEquals(2, experiment.getSubjects().get(1).getRois().get(0).getVoxels());

    PickledArray v1 = reader.read("sub02", "V1");
    List<String> ids = stimuli.stream().map(StimulusSpec::getStimulusId).toList();
    List<Response> responses = ResponseCubes.responses("alg", "sub02", "V1", v1.asNpy(), ids, "sub02/V1.pkl");
    assertEquals(5 * 3, responses.size());
    Response last = responses.get(responses.size() - 1);
    assertEquals("video0005", last.getStimulusId());
    assertEquals(2, last.getRepetition());
    assertEquals(DType.FLOAT64, last.getValues().getDtype());
    double[] values = Tensors.toDoubles(last.getValues());
    for (int v = 0; v < values.length; v++) {
      assertEquals(Double.doubleToLongBits(v1.values()[(4 * 3 + 2) * 3 + v]), Double.doubleToLongBits(values[v]));
    }
    assertEquals(DType.FLOAT32, ResponseCubes.responses("alg", "sub01", "V1", reader.read("sub01", "V1").asNpy(), ids, "x")
        .get(0).getValues().getDtype());
  }

  @Test
  void refusesAFileWithoutTrainNamingItAndItsKeys() throws Exception {
    Path subject = Files.createDirectories(dir.resolve("odd/mini_track/sub03"));
    Files.copy(dir.resolve("bad/unexpected_key.pkl"), subject.resolve("V1.pkl"));
    AlgonautsReader odd = new AlgonautsReader(dir.resolve("odd"));
    PickleFormatException error = assertThrows(PickleFormatException.class, () -> odd.read("sub03", "V1"));
    assertTrue(error.getMessage().startsWith(subject.resolve("V1.pkl") + ": unexpected keys [test]"), error.getMessage());
    assertTrue(!error.getMessage().contains("\n"));
  }
}
