package org.neuroencode.ingest.readers.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fixtures written by nibabel through scripts/fixtures/make_nifti.py, so the reader is tested against files as
 * the reference implementation writes and reads them rather than against our own idea of the format.
 */
final class NiftiFixtures {
  /** Debian's python3-nibabel lives here; the python3 on PATH may be another interpreter without it. */
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  private NiftiFixtures() {}

  /** Writes the small fixtures into {@code dir} and returns nifti_expected.json. */
  static JsonNode write(Path dir) throws IOException, InterruptedException {
    run(dir.toString());
    return new ObjectMapper().readTree(dir.resolve("nifti_expected.json").toFile());
  }

  /** Writes big.nii (64x64x32x200 float32, about 105 MB) and returns big_expected.json. */
  static JsonNode writeBig(Path dir) throws IOException, InterruptedException {
    run("--big", dir.toString());
    return new ObjectMapper().readTree(dir.resolve("big_expected.json").toFile());
  }

  /** Compares every value bit for bit with the float64 bit patterns nibabel's get_fdata() gave. */
  static void assertBits(JsonNode expectedBits, double[] values, String what) {
    assertEquals(expectedBits.size(), values.length, what + ": voxel count");
    for (int i = 0; i < values.length; i++) {
      assertEquals(expectedBits.get(i).asLong(), Double.doubleToRawLongBits(values[i]), what + ": voxel " + i);
    }
  }

  private static void run(String... args) throws IOException, InterruptedException {
    if (!Files.isExecutable(PYTHON)) {
      fail(PYTHON + " is missing: install Debian's python3-nibabel to make the NIfTI fixtures");
    }
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script().toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      fail("make_nifti.py failed (is python3-nibabel installed for " + PYTHON + "?):\n" + output);
    }
  }

  private static Path script() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path script = dir.resolve("scripts/fixtures/make_nifti.py");
      if (Files.isRegularFile(script)) {
        return script;
      }
    }
    throw new IllegalStateException("scripts/fixtures/make_nifti.py not found above " + Path.of("").toAbsolutePath());
  }
}
