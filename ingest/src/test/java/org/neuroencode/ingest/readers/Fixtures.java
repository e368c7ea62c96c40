package org.neuroencode.ingest.readers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.neuroencode.core.testing.PythonScripts;

/**
 * Fixtures written by the real writers (numpy and Python's pickle) through scripts/fixtures/make_pickles.py,
 * so the readers are tested against what users have on disk rather than against our own idea of it.
 */
public final class Fixtures {
  private Fixtures() {}

  /** Writes every fixture into {@code dir} and returns the expected values. */
  public static JsonNode write(Path dir) throws IOException, InterruptedException {
    runScript("make_pickles.py", dir.toString());
    return new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
  }

  /**
   * Runs a fixture script of scripts/fixtures with Debian's python3, whose numpy and nibabel are the
   * reference writers; fails the test with the script's output when it does not succeed.
   */
  public static void runScript(String script, String... args) throws IOException, InterruptedException {
    PythonScripts.run(PythonScripts.find("scripts/fixtures/" + script), Duration.ofSeconds(60),
        "python3-numpy and python3-nibabel", args);
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
}
