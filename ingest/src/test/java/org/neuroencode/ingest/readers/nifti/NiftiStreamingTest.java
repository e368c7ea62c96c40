package org.neuroencode.ingest.readers.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 4-D file three times larger than the heap of a forked JVM must still read: the reader holds one 3-D volume
 * (512 KiB here) at a time, never the series (105 MB).
 */
class NiftiStreamingTest {
  private static final String HEAP = "-Xmx32m";
  @TempDir Path dir;

  @Test
  void readsAFourDimensionalFileLargerThanTheHeapOneVolumeAtATime() throws Exception {
    JsonNode expected = NiftiFixtures.writeBig(dir);
    Path big = dir.resolve("big.nii");
    assertTrue(Files.size(big) > 3 * 32L * 1024 * 1024);
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
        "-cp", System.getProperty("java.class.path"), Probe.class.getName(), big.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe did not finish");
    assertEquals(0, process.exitValue(), output);
    List<String> lines = output.lines().toList();
    assertTrue(Long.parseLong(lines.get(0)) < Files.size(big) / 3, "the probe's heap: " + lines.get(0));
    lines = lines.subList(1, lines.size());
    JsonNode bits = expected.get("bits");
    assertEquals(bits.size(), lines.size(), output);
    for (int t = 0; t < bits.size(); t++) {
      assertEquals(bits.get(t).asLong(), Long.parseLong(lines.get(t)), "volume " + t);
    }
  }

  /** Runs in the small-heap JVM: prints its heap limit, then the bits of voxel (10, 20, 30) of every volume. */
  public static final class Probe {
    public static void main(String[] args) throws IOException {
      try (NiftiVolumes volumes = NiftiVolumes.open(Path.of(args[0]))) {
        int[] shape = volumes.header().shape();
        int[] voxel = {10 + shape[0] * (20 + shape[1] * 30)};
        StringBuilder out = new StringBuilder().append(Runtime.getRuntime().maxMemory()).append('\n');
        while (volumes.hasNext()) {
          out.append(Double.doubleToRawLongBits(volumes.next().select(voxel)[0])).append('\n');
        }
        System.out.print(out);
      }
    }
  }
}
