package org.neuroencode.ingest.readers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Fixtures written by the real writers (numpy and Python's pickle) through scripts/fixtures/make_pickles.py,
 * so the readers are tested against what users have on disk rather than against our own idea of it.
 */
public final class Fixtures {
  /** Debian's python3-numpy lives here; the python3 on PATH may be another interpreter without numpy. */
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  private Fixtures() {}

  /** Writes every fixture into {@code dir} and returns the expected values. */
  public static JsonNode write(Path dir) throws IOException, InterruptedException {
    if (!Files.isExecutable(PYTHON)) {
      fail(PYTHON + " is missing: install Debian's python3 and python3-numpy to make the reader fixtures");
    }
    Process process = new ProcessBuilder(PYTHON.toString(), script().toString(), dir.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      fail("make_pickles.py failed (is python3-numpy installed for " + PYTHON + "?):\n" + output);
    }
    return new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
  }

  /** Compares shape, dtype and every value bit for bit (NaNs compared as NaN, whatever their payload). */
  public static void assertArray(JsonNode expected, String dtype, int[] shape, double[] values) {
    assertEquals(expected.get("dtype").asText().replace(">", ""), dtype);
    int[] expectedShape = new int[expected.get("shape").size()];
    for (int i = 0; i < expectedShape.length; i++) {
      expectedShape[i] = expected.get("shape").get(i).asInt();
    }
    assertArrayEquals(expectedShape, shape);
    JsonNode bits = expected.get("bits");
    assertEquals(bits.size(), values.length);
    for (int i = 0; i < values.length; i++) {
      long want = Double.doubleToLongBits(Double.longBitsToDouble(bits.get(i).asLong()));
      assertEquals(want, Double.doubleToLongBits(values[i]), "value " + i);
    }
  }

  private static Path script() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path script = dir.resolve("scripts/fixtures/make_pickles.py");
      if (Files.isRegularFile(script)) {
        return script;
      }
    }
    throw new IllegalStateException("scripts/fixtures/make_pickles.py not found above " + Path.of("").toAbsolutePath());
  }
}
