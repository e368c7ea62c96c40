package org.neuroencode.ingest.readers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.ArrayList;
import org.neuroencode.core.testing.FixtureScripts;

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

  /** Writes the full-track, BOLD Moments, HDF5 and feature fixtures (make_datasets.py) and returns their expected values. */
  public static JsonNode writeDatasets(Path dir) throws IOException, InterruptedException {
    runScript("make_datasets.py", dir.toString());
    return new ObjectMapper().readTree(dir.resolve("datasets_expected.json").toFile());
  }

  public static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  public static List<Integer> ints(JsonNode array) {
    List<Integer> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asInt()));
    return values;
  }

  /** Runs a fixture script of scripts/fixtures with Debian's python3 (see {@link FixtureScripts}). */
  public static void runScript(String script, String... args) throws IOException, InterruptedException {
    FixtureScripts.run(script, args);
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
