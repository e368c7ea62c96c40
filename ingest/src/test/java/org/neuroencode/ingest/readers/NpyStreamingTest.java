package org.neuroencode.ingest.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.core.io.NpyRows;
import org.neuroencode.core.schema.Split;
import org.neuroencode.ingest.readers.hdf5.SampleArray;
import org.neuroencode.ingest.readers.hdf5.VoxelwiseFile;

/**
 * The streaming readers: rows of NPY files in either memory order, and NPY and HDF5 files larger than the heap
 * of a forked JVM, which hold one row or one slab at a time, never the file.
 */
class NpyStreamingTest {
  private static final String HEAP = "-Xmx64m";
  @TempDir static Path dir;
  static JsonNode expected;

  @BeforeAll
  static void writeFixtures() throws Exception {
    expected = Fixtures.writeDatasets(dir);
  }

  @Test
  void streamsFortranOrderRowsBitForBit() throws Exception {
    for (String name : List.of("cube_fortran", "features")) {
      JsonNode want = expected.get(name.equals("features") ? "features" : "cubeFortran");
      try (NpyRows rows = NpyRows.open(dir.resolve(name + ".npy"))) {
        List<Double> values = new ArrayList<>();
        while (rows.hasNext()) {
          for (double value : rows.next()) {
            values.add(value);
          }
        }
        Fixtures.assertArray(want, rows.dtype(), rows.shape(), values.stream().mapToDouble(Double::doubleValue).toArray());
      }
    }
  }

  @Test
  void refusesATruncatedNpyBeforeReadingARow() {
    Path file = dir.resolve("bad/truncated.npy");
    IOException error = assertThrows(IOException.class, () -> NpyRows.open(file));
    assertTrue(error.getMessage().startsWith(file + ": truncated NPY file (the header promises 240 bytes of data, "
        + "the file holds 233)"), error.getMessage());
  }

  @Test
  void readsNpyAndHdf5FilesLargerThanTheHeapOneRowOrSlabAtATime() throws Exception {
    Path big = Files.createDirectories(dir.resolve("big"));
    Fixtures.runScript("make_datasets.py", "--big", big.toString());
    JsonNode want = new ObjectMapper().readTree(big.resolve("big_datasets_expected.json").toFile());
    for (String file : List.of("big.npy", "big.hdf")) {
      Path path = big.resolve(file);
      assertTrue(Files.size(path) > 64L * 1024 * 1024, file + " must be larger than the probe's heap");
      Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
          "-cp", System.getProperty("java.class.path"), Probe.class.getName(), path.toString(), want.get("index").asText())
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the probe did not finish");
      assertEquals(0, process.exitValue(), output);
      List<String> lines = output.lines().filter(line -> line.matches("-?\\d+")).toList();
      assertTrue(Long.parseLong(lines.get(0)) < Files.size(path), "the probe's heap: " + lines.get(0));
      assertEquals(want.get("bits").size(), lines.size() - 1, output);
      for (int row = 0; row < want.get("bits").size(); row++) {
        assertEquals(want.get("bits").get(row).asLong(), Long.parseLong(lines.get(row + 1)), file + " row " + row);
      }
    }
  }

  /** Runs in the small-heap JVM: prints its heap limit, then the bits of value {@code index} of every row. */
  public static final class Probe {
    public static void main(String[] args) throws IOException {
      Path file = Path.of(args[0]);
      int index = Integer.parseInt(args[1]);
      StringBuilder out = new StringBuilder().append(Runtime.getRuntime().maxMemory()).append('\n');
      if (file.toString().endsWith(".npy")) {
        try (NpyRows rows = NpyRows.open(file)) {
          while (rows.hasNext()) {
            out.append(Double.doubleToLongBits(rows.next()[index])).append('\n');
          }
        }
      } else {
        try (VoxelwiseFile hdf5 = VoxelwiseFile.open(file, DataRoot.unconfined())) {
          SampleArray train = hdf5.responses(Split.TRAIN);
          for (int i = 0; i < train.samples(); i++) {
            out.append(Double.doubleToLongBits(train.sample(i)[index])).append('\n');
          }
        }
      }
      System.out.print(out);
    }
  }
}
