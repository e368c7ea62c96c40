package org.neuroencode.ingest.readers.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.ingest.readers.Fixtures;

class PickleReaderTest {
  @TempDir static Path dir;
  static JsonNode expected;

  @BeforeAll
  static void writeFixtures() throws Exception {
    expected = Fixtures.write(dir);
  }

  @Test
  void rebuildsEveryWritersArraysBitForBit() throws Exception {
    List<String> seen = new ArrayList<>();
    for (Map.Entry<String, JsonNode> fixture : iterable(expected.get("pickles"))) {
      Map<String, Object> dict = PickleReader.readDict(dir.resolve("pickles/" + fixture.getKey() + ".pkl"));
      PickledArray array = assertInstanceOf(PickledArray.class, dict.get("train"), fixture.getKey());
      Fixtures.assertArray(fixture.getValue(), array.dtype(), array.shape(), array.values());
      seen.add(fixture.getValue().get("protocol").asText());
    }
    assertTrue(seen.containsAll(List.of("py2", "2", "4", "5")), "fixtures cover every protocol: " + seen);
  }

  @Test
  void coversFortranOrderAndBigEndianInTheFixtures() {
    List<JsonNode> fixtures = new ArrayList<>();
    expected.get("pickles").forEach(fixtures::add);
    assertTrue(fixtures.stream().anyMatch(f -> f.get("fortran").asBoolean() && f.get("protocol").asText().equals("5")));
    assertTrue(fixtures.stream().anyMatch(f -> f.get("fortran").asBoolean() && f.get("protocol").asText().equals("py2")));
    assertTrue(fixtures.stream().anyMatch(f -> f.get("bigEndian").asBoolean()));
  }

  @Test
  void reportsATruncatedPickleInOneLineNamingTheFile() {
    Path file = dir.resolve("bad/truncated.pkl");
    PickleFormatException error = assertThrows(PickleFormatException.class, () -> PickleReader.read(file));
    assertOneLine(error, file.toString(), "truncated pickle");
  }

  @Test
  void readsAnInt64ArrayAsItsValuesForTheReadersToJudge() throws Exception {
    // real BOLD Moments pickles carry integer stimulus orders beside the float data; the readers refuse
    // integer data where they want responses (AlgonautsReaderTest)
    PickledArray array = (PickledArray) PickleReader.readDict(dir.resolve("bad/int64.pkl")).get("train");
    assertEquals("int64", array.dtype());
    assertArrayEquals(new int[] {2, 3, 4}, array.shape());
    for (int i = 0; i < 24; i++) {
      assertEquals(i, array.values()[i]);
    }
  }

  @Test
  void readsArraysOfStringsAndObjectsAndNumpyScalarsAsTheirValues() throws Exception {
    // what a stimulus order may be: numpy str (little- and big-endian, Fortran order), bytes and object arrays, and a
    // list of numpy scalars (as list(array) gives); by each writer
    for (String protocol : List.of("py2", "2", "5")) {
      Map<String, Object> dict = PickleReader.readDict(dir.resolve("names/names_" + protocol + ".pkl"));
      PickledObjects u = assertInstanceOf(PickledObjects.class, dict.get("u"), protocol);
      assertEquals(List.of("0001", "\u00e9\u20ac\ud834\udd1e"), u.values(), protocol);
      assertArrayEquals(new int[] {2}, u.shape());
      assertEquals(List.of("ab", "c"), ((PickledObjects) dict.get("u_be")).values(), protocol);
      PickledObjects fortran = (PickledObjects) dict.get("u_f");
      assertArrayEquals(new int[] {2, 3}, fortran.shape());
      assertEquals(List.of("a", "bb", "c", "dd", "e", "ff"), fortran.values(), protocol);
      assertEquals(List.of("ab", "c"), ((PickledObjects) dict.get("s")).values(), protocol);
      PickledObjects objects = (PickledObjects) dict.get("o");
      assertEquals("object", objects.dtype());
      assertEquals(java.util.Arrays.asList("x", 3L, null), objects.values(), protocol);
      assertEquals(List.of(-5L, 7L, 1.5, true, "abc", (1L << 60) + 1), dict.get("scalars"), protocol);
    }
  }

  @Test
  void refusesAnUnknownOpcode() {
    byte[] bytes = {(byte) 0x80, 2, (byte) 0xff, '.'};
    PickleFormatException error = assertThrows(PickleFormatException.class, () -> PickleReader.read(bytes, "x.pkl"));
    assertOneLine(error, "x.pkl", "unknown or unsupported pickle opcode 0xff at byte 2");
  }

  @Test
  void refusesGlobalsOutsideNumpysArrays() {
    byte[] bytes = "\u0080\u0002cos\nsystem\n.".getBytes(StandardCharsets.ISO_8859_1);
    PickleFormatException error = assertThrows(PickleFormatException.class, () -> PickleReader.read(bytes, "evil.pkl"));
    assertOneLine(error, "evil.pkl", "unsupported global os.system");
  }

  @Test
  void readsPlainPythonValues() throws Exception {
    // pickle.dumps({"a": [1, -2, 2.5, None, True], "b": (300, "é")}, protocol=2)
    byte[] bytes = hex("80027d71002858010000006171015d7102284b014afeffffff4740040000000000004e8865"
        + "58010000006271034d2c015802000000c3a97104867105752e");
    Object value = PickleReader.read(bytes, "plain.pkl");
    assertEquals(List.of("a", "b"), List.copyOf(((Map<?, ?>) value).keySet()));
    List<?> a = (List<?>) ((Map<?, ?>) value).get("a");
    assertEquals(1L, a.get(0));
    assertEquals(-2L, a.get(1));
    assertEquals(2.5, a.get(2));
    assertEquals(null, a.get(3));
    assertEquals(Boolean.TRUE, a.get(4));
    assertEquals(List.of(300L, "é"), ((Map<?, ?>) value).get("b"));
  }

  static void assertOneLine(Exception error, String file, String problem) {
    assertTrue(error.getMessage().startsWith(file + ": "), error.getMessage());
    assertTrue(error.getMessage().contains(problem), error.getMessage());
    assertFalse(error.getMessage().contains("\n"), error.getMessage());
  }

  private static byte[] hex(String text) {
    byte[] out = new byte[text.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node::fields;
  }
}
