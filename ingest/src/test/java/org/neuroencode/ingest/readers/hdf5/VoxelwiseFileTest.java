package org.neuroencode.ingest.readers.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.core.schema.Split;
import org.neuroencode.ingest.readers.DataRoot;
import org.neuroencode.ingest.readers.Fixtures;

class VoxelwiseFileTest {
  @TempDir static Path dir;
  static JsonNode expected;

  @BeforeAll
  static void writeFixtures() throws Exception {
    expected = Fixtures.writeDatasets(dir).get("hdf5");
  }

  @Test
  void readsTrainAndRepeatedTestResponsesBitForBitInTheirDtypes() throws Exception {
    try (VoxelwiseFile file = VoxelwiseFile.open(dir.resolve("responses.hdf"), DataRoot.unconfined())) {
      SampleArray train = file.responses(Split.TRAIN);
      assertEquals(8, train.samples());
      assertEquals(1, train.repetitions());
      assertEquals(5, train.width());
      assertSamples(expected.get("Y_train"), train, false);
      SampleArray test = file.responses(Split.TEST);
      assertEquals(4, test.samples());
      assertEquals(3, test.repetitions(), "Y_test is (repetitions, samples, voxels): every repetition is kept");
      assertSamples(expected.get("Y_test"), test, true);
      assertNull(file.features(Split.TRAIN));
    }
  }

  @Test
  void readsFeaturesFlattenedPerSample() throws Exception {
    try (VoxelwiseFile file = VoxelwiseFile.open(dir.resolve("motion_energy.hdf"), DataRoot.unconfined())) {
      SampleArray train = file.features(Split.TRAIN);
      assertEquals(6, train.width());
      assertSamples(expected.get("X_train"), train, false);
      assertSamples(expected.get("X_test"), file.features(Split.TEST), false);
    }
  }

  @Test
  void readsChunkedGzippedBigEndianDatasetsToTheSameValues() throws Exception {
    try (VoxelwiseFile file = VoxelwiseFile.open(dir.resolve("chunked.hdf"), DataRoot.unconfined())) {
      assertSamples(expected.get("Y_train"), file.responses(Split.TRAIN), false);
      assertSamples(expected.get("Y_test"), file.responses(Split.TEST), true);
    }
  }

  @Test
  void refusesIntegerResponsesInOneLineNamingTheFileAndDataset() throws Exception {
    Path bad = dir.resolve("bad/int_responses.hdf");
    try (VoxelwiseFile file = VoxelwiseFile.open(bad, DataRoot.unconfined())) {
      IOException error = assertThrows(IOException.class, () -> file.responses(Split.TRAIN));
      assertEquals(bad + ": Y_train has elements of type int (float32 or float64 expected)", error.getMessage());
    }
  }

  @Test
  void refusesAFileThatIsNotHdf5() {
    Path notHdf5 = dir.resolve("feature_ids.txt");
    IOException error = assertThrows(IOException.class, () -> VoxelwiseFile.open(notHdf5, DataRoot.unconfined()));
    assertEquals(1, error.getMessage().lines().count());
    assertEquals(true, error.getMessage().startsWith(notHdf5 + ": not a readable HDF5 file"), error.getMessage());
  }

  /** Sample i of the reader against numpy's array[i] (or array[:, i] for a repeated response array). */
  private static void assertSamples(JsonNode want, SampleArray array, boolean repeated) throws IOException {
    assertEquals(want.get("dtype").asText(), array.dtype());
    assertArrayEquals(Fixtures.ints(want.get("shape")).stream().mapToInt(Integer::intValue).toArray(), array.shape());
    JsonNode bits = want.get("bits");
    int samples = array.samples();
    int width = array.width();
    for (int i = 0; i < samples; i++) {
      double[] sample = array.sample(i);
      assertEquals(array.repetitions() * width, sample.length);
      for (int r = 0; r < array.repetitions(); r++) {
        for (int v = 0; v < width; v++) {
          int source = repeated ? (r * samples + i) * width + v : i * width + v;
          assertEquals(bits.get(source).asLong(), Double.doubleToLongBits(sample[r * width + v]),
              array.name() + " sample " + i + " repetition " + r + " value " + v);
        }
      }
    }
  }
}
