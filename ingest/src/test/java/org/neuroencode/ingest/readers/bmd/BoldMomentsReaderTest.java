package org.neuroencode.ingest.readers.bmd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.core.schema.Split;
import org.neuroencode.ingest.readers.DataRoot;
import org.neuroencode.ingest.readers.Fixtures;
import org.neuroencode.ingest.readers.pickle.PickleFormatException;
import org.neuroencode.ingest.readers.pickle.PickledArray;

class BoldMomentsReaderTest {
  @TempDir static Path dir;
  static JsonNode expected;

  @BeforeAll
  static void writeFixtures() throws Exception {
    expected = Fixtures.writeDatasets(dir).get("bmd");
  }

  @Test
  void readsEveryPerHemisphereFileOfVersionBBitForBit() throws Exception {
    BoldMomentsReader reader = new BoldMomentsReader(dir.resolve("bmd"), BoldMomentsReader.Version.B, DataRoot.unconfined());
    assertEquals(List.of("sub-01"), reader.subjects());
    List<BoldMomentsReader.RoiFile> files = reader.roiFiles("sub-01");
    assertEquals(List.of("lEBA", "lV1v", "rEBA", "rV1v"), files.stream().map(BoldMomentsReader.RoiFile::roi).toList());
    for (BoldMomentsReader.RoiFile file : files) {
      BoldMomentsReader.RoiData data = reader.read(file);
      JsonNode want = expected.get("files").get(file.roi());
      assertArray(want.get("train"), data.train());
      assertArray(want.get("test"), data.test());
      assertEquals(want.get("train").get("shape").get(2).asInt(), data.voxels());
    }
  }

  @Test
  void readsVersionAWithBothHemispheresInOneFile() throws Exception {
    BoldMomentsReader reader = new BoldMomentsReader(dir.resolve("bmd"), BoldMomentsReader.Version.A, DataRoot.unconfined());
    BoldMomentsReader.RoiFile eba = reader.roiFiles("sub-01").get(0);
    assertEquals("EBA", eba.roi());
    BoldMomentsReader.RoiData data = reader.read(eba);
    assertArray(expected.get("files").get("A:EBA").get("train"), data.train());
    assertArray(expected.get("files").get("A:EBA").get("test"), data.test());
  }

  @Test
  void namesTheStimuliFromTheEventsFilesTrainThenTestEachSorted() throws Exception {
    BidsStimuli.Stimuli stimuli = BidsStimuli.read(dir.resolve("bmd"), DataRoot.unconfined());
    assertEquals(Fixtures.strings(expected.get("trainIds")), stimuli.ids(Split.TRAIN));
    assertEquals(Fixtures.strings(expected.get("testIds")), stimuli.ids(Split.TEST));
    assertEquals("train/0004.mp4", stimuli.files().get("0004"));
    assertEquals("test/1002.mp4", stimuli.files().get("1002"));
  }

  @Test
  void combinesTheHemispheresLeftVoxelsFirst() throws Exception {
    BoldMomentsReader reader = new BoldMomentsReader(dir.resolve("bmd"), BoldMomentsReader.Version.B, DataRoot.unconfined());
    List<BoldMomentsReader.RoiFile> files = reader.roiFiles("sub-01");
    BoldMomentsReader.RoiData left = reader.read(files.get(0));
    BoldMomentsReader.RoiData right = reader.read(files.get(2));
    BoldMomentsReader.RoiData both = BoldMomentsReader.combine(left, right, "EBA");
    assertArrayEquals(new int[] {6, 3, 5}, both.train().shape());
    // stimulus 4, repetition 2: three left voxels, then two right voxels
    int row = 4 * 3 + 2;
    for (int v = 0; v < 3; v++) {
      assertEquals(left.train().values()[row * 3 + v], both.train().values()[row * 5 + v]);
    }
    for (int v = 0; v < 2; v++) {
      assertEquals(right.train().values()[row * 2 + v], both.train().values()[row * 5 + 3 + v]);
    }
  }

  @Test
  void refusesAFileWithAnUnexpectedKeyInOneLineNamingIt() throws Exception {
    BoldMomentsReader reader = new BoldMomentsReader(dir.resolve("bad/bmd"), BoldMomentsReader.Version.B, DataRoot.unconfined());
    BoldMomentsReader.RoiFile file = reader.roiFiles("sub-01").get(0);
    PickleFormatException error = assertThrows(PickleFormatException.class, () -> reader.read(file));
    assertTrue(error.getMessage().startsWith(file.file() + ": unexpected keys [surprise, test_data_allvoxel,"),
        error.getMessage());
    assertEquals(1, error.getMessage().lines().count());
  }

  @Test
  void refusesADatasetOutsideTheDataRoot() throws Exception {
    IOException error = assertThrows(IOException.class, () -> new BoldMomentsReader(dir.resolve("bmd"),
        BoldMomentsReader.Version.B, DataRoot.of(dir.resolve("bad"))));
    assertTrue(error.getMessage().startsWith(dir.resolve("bmd") + ": outside the data root"), error.getMessage());
  }

  private static void assertArray(JsonNode want, PickledArray array) {
    Fixtures.assertArray(want, array.dtype(), array.shape(), array.values());
  }
}
