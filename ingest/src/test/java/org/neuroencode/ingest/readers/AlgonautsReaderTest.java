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

  @Test
  void refusesAnIntegerResponseArrayNamingTheFileAndTheDtype() throws Exception {
    Path subject = Files.createDirectories(dir.resolve("ints/mini_track/sub04"));
    Files.copy(dir.resolve("bad/int64.pkl"), subject.resolve("V1.pkl"));
    PickleFormatException error = assertThrows(PickleFormatException.class,
        () -> new AlgonautsReader(dir.resolve("ints")).read("sub04", "V1"));
    assertEquals(subject.resolve("V1.pkl") + ": 'train' has dtype int64 (float32 or float64 expected)", error.getMessage());
  }

  @Test
  void readsTheFullTrackWholeBrainWithItsVoxelMaskBitForBit() throws Exception {
    JsonNode full = Fixtures.writeDatasets(dir).get("algonautsFull");
    AlgonautsReader fullTrack = new AlgonautsReader(dir.resolve("algonauts"), AlgonautsReader.Track.FULL, DataRoot.unconfined());
    assertEquals(List.of("sub01", "sub02"), fullTrack.subjects());
    for (String subject : fullTrack.subjects()) {
      assertEquals(List.of("WB"), fullTrack.rois(subject));
      AlgonautsReader.RoiData wb = fullTrack.readRoi(subject, "WB");
      JsonNode want = full.get(subject);
      Fixtures.assertArray(want.get("train"), wb.train().dtype(), wb.train().shape(), wb.train().values());
      assertEquals(Fixtures.ints(want.get("maskShape")), wb.mask().getShape());
      assertEquals(Fixtures.ints(want.get("maskIndices")),
          java.util.Arrays.stream(VoxelMasks.indices(wb.mask())).boxed().toList(), "numpy's flatnonzero of the mask");
      assertEquals(Fixtures.ints(want.get("maskBits")), toUnsigned(wb.mask().getBits()));
      assertEquals(wb.train().shape()[2], VoxelMasks.count(wb.mask()));
    }
  }

  @Test
  void refusesAWholeBrainMaskThatSelectsAnotherVoxelCount() throws Exception {
    Fixtures.writeDatasets(dir);
    Path file = dir.resolve("bad/full_track/sub09/WB.pkl");
    AlgonautsReader bad = new AlgonautsReader(dir.resolve("bad"), AlgonautsReader.Track.FULL, DataRoot.unconfined());
    PickleFormatException error = assertThrows(PickleFormatException.class, () -> bad.readRoi("sub09", "WB"));
    assertEquals(file + ": 'voxel_mask' selects 7 voxels but 'train' has 6", error.getMessage());
  }

  @Test
  void refusesAMiniTrackFileOnTheFullTrackForItsMissingMask() throws Exception {
    Path subject = Files.createDirectories(dir.resolve("mixed/full_track/sub05"));
    Files.copy(dir.resolve("algonauts/participants_data_v2021/mini_track/sub01/V1.pkl"), subject.resolve("WB.pkl"));
    AlgonautsReader mixed = new AlgonautsReader(dir.resolve("mixed"), AlgonautsReader.Track.FULL, DataRoot.unconfined());
    PickleFormatException error = assertThrows(PickleFormatException.class, () -> mixed.readRoi("sub05", "WB"));
    assertTrue(error.getMessage().startsWith(subject.resolve("WB.pkl") + ": unexpected keys [train]"), error.getMessage());
  }

  private static List<Integer> toUnsigned(java.nio.ByteBuffer bytes) {
    java.nio.ByteBuffer copy = bytes.duplicate();
    List<Integer> values = new java.util.ArrayList<>();
    while (copy.hasRemaining()) {
      values.add(Byte.toUnsignedInt(copy.get()));
    }
    return values;
  }
}
