package org.neuroencode.ingest.readers.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.neuroencode.ingest.readers.Fixtures;

/**
 * Fixtures written by nibabel through scripts/fixtures/make_nifti.py, so the reader is tested against files as
 * the reference implementation writes and reads them rather than against our own idea of the format.
 */
final class NiftiFixtures {
  private static final String SCRIPT = "make_nifti.py";

  private NiftiFixtures() {}

  /** Writes the small fixtures into {@code dir} and returns nifti_expected.json. */
  static JsonNode write(Path dir) throws IOException, InterruptedException {
    Fixtures.runScript(SCRIPT, dir.toString());
    return new ObjectMapper().readTree(dir.resolve("nifti_expected.json").toFile());
  }

  /** Writes big.nii (64x64x32x200 float32, about 105 MB) and returns big_expected.json. */
  static JsonNode writeBig(Path dir) throws IOException, InterruptedException {
    Fixtures.runScript(SCRIPT, "--big", dir.toString());
    return new ObjectMapper().readTree(dir.resolve("big_expected.json").toFile());
  }

  /** Compares every value bit for bit with the float64 bit patterns nibabel's get_fdata() gave. */
  static void assertBits(JsonNode expectedBits, double[] values, String what) {
    assertEquals(expectedBits.size(), values.length, what + ": voxel count");
    for (int i = 0; i < values.length; i++) {
      assertEquals(expectedBits.get(i).asLong(), Double.doubleToRawLongBits(values[i]), what + ": voxel " + i);
    }
  }
}
