package org.neuroencode.ingest.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.core.io.NpyArray;

class NpzReaderTest {
  @TempDir static Path dir;
  static JsonNode expected;

  @BeforeAll
  static void writeFixtures() throws Exception {
    expected = Fixtures.write(dir);
  }

  @Test
  void readsEveryMemberOfPlainAndCompressedArchivesBitForBit() throws Exception {
    for (String file : List.of("responses.npz", "responses_compressed.npz")) {
      Map<String, NpyArray> members = NpzReader.read(dir.resolve(file));
      assertEquals(List.of("V1", "EBA"), List.copyOf(members.keySet()));
      for (Map.Entry<String, NpyArray> member : members.entrySet()) {
        NpyArray array = member.getValue();
        Fixtures.assertArray(expected.get("npz").get(member.getKey()), array.dtype(), array.shape(), array.values());
      }
    }
  }

  @Test
  void refusesAFileThatIsNotAZipNamingIt() {
    Path file = dir.resolve("responses.npy");
    IOException error = assertThrows(IOException.class, () -> NpzReader.read(file));
    assertTrue(error.getMessage().startsWith(file + ": not an NPZ"), error.getMessage());
  }

  @Test
  void takesAStimuliByRepetitionsByVoxelsCubeWithOneRowPerStimulus() throws Exception {
    NpyArray v1 = NpzReader.read(dir.resolve("responses.npz")).get("V1");
    ResponseCubes.requireCube(v1, 4, "responses.npz (V1)");
    IOException error = assertThrows(IOException.class, () -> ResponseCubes.requireCube(v1, 5, "responses.npz (V1)"));
    assertTrue(error.getMessage().startsWith("responses.npz (V1): expected shape (5 stimuli"), error.getMessage());
  }
}
