package org.neuroencode.ingest.readers.bmd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
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
  static JsonNode ordered;

  @BeforeAll
  static void writeFixtures() throws Exception {
    JsonNode all = Fixtures.writeDatasets(dir);
    expected = all.get("bmd");
    ordered = all.get("bmdOrder").get("files");
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

  @Test
  void putsShuffledOneBasedConditionNumbersInOrderSoEachRowLandsOnItsStimulus() throws Exception {
    BoldMomentsReader reader = orderReader();
    BoldMomentsReader.RoiData data = reader.read(file(reader, "lSHUF"));
    // rows written in the condition order 4 1 6 2 5 3 (an int64 array) and 1002 1001 (a list of numpy int64 scalars)
    assertArray(ordered.get("lSHUF").get("train"), data.train());
    assertArray(ordered.get("lSHUF").get("test"), data.test());
    List<String> trainIds = Fixtures.strings(expected.get("trainIds"));
    List<String> testIds = Fixtures.strings(expected.get("testIds"));
    assertConditionsLandOn(trainIds, data.train());
    assertConditionsLandOn(testIds, data.test());
    assertEquals(List.of(1, 2, 3, 4, 5, 6), data.trainConditions().stream().map(c -> ((BigDecimal) c).intValueExact()).toList());
    assertEquals(List.of(new BigDecimal(1001), new BigDecimal(1002)), data.testConditions());
  }

  @Test
  void combinesHemispheresWrittenInDifferentOrdersRowByRow() throws Exception {
    BoldMomentsReader reader = orderReader();
    BoldMomentsReader.RoiData left = reader.read(file(reader, "lSHUF"));
    // the right file's rows follow 2 6 1 3 5 4 (int32 array) and (1002, 1001) (a tuple of Python ints)
    BoldMomentsReader.RoiData right = reader.read(file(reader, "rSHUF"));
    assertArray(ordered.get("rSHUF").get("train"), right.train());
    assertArray(ordered.get("rSHUF").get("test"), right.test());
    BoldMomentsReader.RoiData both = BoldMomentsReader.combine(left, right, "SHUF");
    assertArrayEquals(new int[] {6, 3, 5}, both.train().shape());
    for (int row = 0; row < 6 * 3; row++) {
      assertEquals(row / 3 + 1, both.train().values()[row * 5], "left voxel 0 of row " + row);
      assertEquals(row / 3 + 1, both.train().values()[row * 5 + 3], "right voxel 0 of row " + row);
    }
    for (int row = 0; row < 2 * 10; row++) {
      assertEquals(1001 + row / 10, both.test().values()[row * 5]);
      assertEquals(1001 + row / 10, both.test().values()[row * 5 + 3]);
    }
  }

  @Test
  void putsNamedConditionsInStringOrder() throws Exception {
    BoldMomentsReader reader = orderReader();
    List<String> trainIds = Fixtures.strings(expected.get("trainIds"));
    List<String> testIds = Fixtures.strings(expected.get("testIds"));
    // numpy str array (Python 2 pickle) with a bytes array; object array with a list of str
    for (String roi : List.of("lNAMES", "rNAMES")) {
      BoldMomentsReader.RoiData data = reader.read(file(reader, roi));
      assertArray(ordered.get(roi).get("train"), data.train());
      assertArray(ordered.get(roi).get("test"), data.test());
      assertConditionsLandOn(trainIds, data.train());
      assertConditionsLandOn(testIds, data.test());
      assertEquals(trainIds, data.trainConditions());
      assertEquals(testIds, data.testConditions());
    }
    BoldMomentsReader.RoiData both = BoldMomentsReader.combine(reader.read(file(reader, "lNAMES")),
        reader.read(file(reader, "rNAMES")), "NAMES");
    assertConditionsLandOn(trainIds, both.train());
  }

  @Test
  void leavesRowsInPlaceWhenTheOrderAscends() throws Exception {
    BoldMomentsReader reader = orderReader();
    BoldMomentsReader.RoiData data = reader.read(file(reader, "lASC"));
    // 0-based list of Python ints in train, a float64 array in test: as written
    assertArray(ordered.get("lASC").get("unordered").get("train"), data.train());
    assertArray(ordered.get("lASC").get("unordered").get("test"), data.test());
    assertConditionsLandOn(Fixtures.strings(expected.get("trainIds")), data.train());
    assertEquals(0, ((BigDecimal) data.trainConditions().get(0)).intValueExact());
  }

  @Test
  void refusesAnOrderOfTheWrongLengthInOneLine() throws Exception {
    assertRefusedInOneLine("lSHORT", "'train_stim_order' has 5 entries but 'train_data_allvoxel' has 6 rows "
        + "(one condition per row expected, or one per trial: each of 6 conditions 3 times)");
  }

  @Test
  void readsAPerTrialOrderAsItsConditionsInFirstTrialOrder() throws Exception {
    BoldMomentsReader reader = orderReader();
    // 18 trials naming each of 6 conditions 3 times, first seen as 4 1 6 2 5 3: the rows' conditions
    BoldMomentsReader.RoiData data = reader.read(file(reader, "lTRIALS"));
    assertConditionsLandOn(Fixtures.strings(expected.get("trainIds")), data.train());
    assertConditionsLandOn(Fixtures.strings(expected.get("testIds")), data.test());
  }

  @Test
  void refusesAConditionNamedTwiceInOneLine() throws Exception {
    assertRefusedInOneLine("lDUPLICATE", "'train_stim_order' names condition 3 twice (rows 0 and 3, from 0); its entries "
        + "must be distinct");
  }

  @Test
  void refusesAnOrderMixingNumbersAndNames() throws Exception {
    assertRefusedInOneLine("lMIXED", "'test_stim_order' mixes numbers and strings");
  }

  @Test
  void refusesToCombineHemispheresNamingDifferentConditions() throws Exception {
    BoldMomentsReader reader = orderReader();
    BoldMomentsReader.RoiData left = reader.read(file(reader, "lMISMATCH"));
    BoldMomentsReader.RoiData right = reader.read(file(reader, "rMISMATCH"));
    IOException error = assertThrows(IOException.class, () -> BoldMomentsReader.combine(left, right, "MISMATCH"));
    assertEquals("MISMATCH: the hemispheres' 'train_stim_order' name different conditions (the 1st smallest is 1 on "
        + "the left, 2 on the right)", error.getMessage());
  }

  @Test
  void refusesTwoStimFilesWithOneBaseNameNamingBothAndTheEventsFiles() throws Exception {
    Path bids = dir.resolve("bids-duplicate");
    Path run1 = events(bids, "sub-01_ses-01_task-train_run-1_events.tsv", "train/0001.mp4\ttrain", "train/0002.mp4\ttrain");
    Path run2 = events(bids, "sub-01_ses-01_task-test_run-1_events.tsv", "test/0001.mp4\ttest");
    IOException error = assertThrows(IOException.class, () -> BidsStimuli.read(bids, DataRoot.unconfined()));
    // the files are read in name order, task-test before task-train
    assertEquals(run1 + ": line 2: stim_file train/0001.mp4 and stim_file test/0001.mp4 (in " + run2 + ") have the "
        + "same base name: both would be stimulus 0001", error.getMessage());
  }

  @Test
  void refusesTwoStimFilesWithOneBaseNameInOneSplitAndOneFile() throws Exception {
    Path bids = dir.resolve("bids-duplicate-train");
    Path run = events(bids, "sub-01_ses-01_task-train_run-1_events.tsv", "a/x.mp4\ttrain", "n/a\toddball",
        "b/x.mp4\ttrain");
    IOException error = assertThrows(IOException.class, () -> BidsStimuli.read(bids, DataRoot.unconfined()));
    assertEquals(run + ": line 4: stim_file b/x.mp4 and stim_file a/x.mp4 (this file) have the same base name: both "
        + "would be stimulus x", error.getMessage());
  }

  @Test
  void keepsOneStimFileRepeatedAcrossRunsAndRefusesItInBothSplitsAsBefore() throws Exception {
    Path bids = dir.resolve("bids-repeated");
    events(bids, "sub-01_ses-01_task-train_run-1_events.tsv", "train/0001.mp4\ttrain", "./train/0002.mp4\ttrain");
    events(bids, "sub-01_ses-01_task-train_run-2_events.tsv", "train/0002.mp4\ttrain", "train/0001.mp4\ttrain");
    BidsStimuli.Stimuli stimuli = BidsStimuli.read(bids, DataRoot.unconfined());
    assertEquals(List.of("0001", "0002"), stimuli.ids(Split.TRAIN));
    events(bids, "sub-01_ses-01_task-test_run-1_events.tsv", "train/0001.mp4\ttest");
    IOException error = assertThrows(IOException.class, () -> BidsStimuli.read(bids, DataRoot.unconfined()));
    assertEquals(bids + ": stimulus 0001 is both a train and a test trial", error.getMessage());
  }

  /** An events file under {@code bids/sub-01/ses-01/func} with one trial per "stim_file\ttrial_type" row. */
  private static Path events(Path bids, String name, String... trials) throws IOException {
    Path file = bids.resolve("sub-01/ses-01/func").resolve(name);
    Files.createDirectories(file.getParent());
    StringBuilder text = new StringBuilder("onset\tduration\tstim_file\ttrial_type\n");
    double onset = 4;
    for (String trial : trials) {
      text.append(onset).append("\t3.0\t").append(trial).append('\n');
      onset += 4;
    }
    Files.writeString(file, text);
    return file;
  }

  private static BoldMomentsReader orderReader() throws IOException {
    return new BoldMomentsReader(dir.resolve("bmd-order"), BoldMomentsReader.Version.B, DataRoot.unconfined());
  }

  /** Reading the order fixture's ROI {@code roi} fails with exactly "FILE: message". */
  private static void assertRefusedInOneLine(String roi, String message) throws Exception {
    BoldMomentsReader reader = orderReader();
    BoldMomentsReader.RoiFile file = file(reader, roi);
    PickleFormatException error = assertThrows(PickleFormatException.class, () -> reader.read(file));
    assertEquals(file.file() + ": " + message, error.getMessage());
  }

  private static BoldMomentsReader.RoiFile file(BoldMomentsReader reader, String roi) throws IOException {
    return reader.roiFiles("sub-01").stream().filter(f -> f.roi().equals(roi)).findFirst().orElseThrow();
  }

  /** Voxel 0 of the fixtures' rows holds the condition number: row k, every repetition, must be stimulus k's. */
  private static void assertConditionsLandOn(List<String> ids, PickledArray array) {
    int[] shape = array.shape();
    assertEquals(ids.size(), shape[0]);
    for (int k = 0; k < shape[0]; k++) {
      for (int rep = 0; rep < shape[1]; rep++) {
        assertEquals(Integer.parseInt(ids.get(k)), array.values()[(k * shape[1] + rep) * shape[2]],
            "stimulus " + ids.get(k) + " repetition " + rep);
      }
    }
  }

  private static void assertArray(JsonNode want, PickledArray array) {
    Fixtures.assertArray(want, array.dtype(), array.shape(), array.values());
  }
}
