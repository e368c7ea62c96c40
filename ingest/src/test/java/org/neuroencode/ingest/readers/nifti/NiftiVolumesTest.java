package org.neuroencode.ingest.readers.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NiftiVolumesTest {
  @TempDir static Path dir;
  static JsonNode expected;
  static List<RoiMask> rois;

  @BeforeAll
  static void writeFixtures() throws Exception {
    expected = NiftiFixtures.write(dir);
    rois = RoiMasks.fromLabels(dir.resolve("labels.nii.gz"), dir.resolve("labels.tsv"));
  }

  @Test
  void readsEveryVersionByteOrderCompressionAndDatatypeBitForBitAsNibabelDoes() throws Exception {
    Iterator<Map.Entry<String, JsonNode>> files = expected.get("files").fields();
    int checked = 0;
    while (files.hasNext()) {
      Map.Entry<String, JsonNode> file = files.next();
      try (NiftiVolumes volumes = NiftiVolumes.open(dir.resolve(file.getKey()))) {
        assertEquals(file.getValue().get("dtype").asText(), volumes.header().datatype().toString(), file.getKey());
        assertArrayEquals(new int[] {5, 4, 3, 6}, volumes.header().shape(), file.getKey());
        for (int t = 0; volumes.hasNext(); t++) {
          Volume volume = volumes.next();
          for (RoiMask roi : rois) {
            NiftiFixtures.assertBits(file.getValue().get(roi.name()).get(t), volume.select(roi.voxels()),
                file.getKey() + " volume " + t + " " + roi.name());
          }
        }
      }
      checked++;
    }
    assertEquals(10, checked);
  }

  @Test
  void detectsVersionAndByteOrderFromSizeofHdr() throws Exception {
    NiftiHeader big = NiftiVolumes.readHeader(dir.resolve("n2_f64_be.nii"));
    assertEquals(2, big.version());
    assertEquals(ByteOrder.BIG_ENDIAN, big.order());
    NiftiHeader little = NiftiVolumes.readHeader(dir.resolve("n1_f32_le.nii"));
    assertEquals(1, little.version());
    assertEquals(ByteOrder.LITTLE_ENDIAN, little.order());
    assertEquals(352, little.voxOffset());
  }

  @Test
  void scalesIntegersAndChangedFloatsButLeavesIdentityScaledFloatsAlone() throws Exception {
    assertTrue(NiftiVolumes.readHeader(dir.resolve("n1_i16_scaled_be.nii")).scales());
    assertTrue(NiftiVolumes.readHeader(dir.resolve("n1_f32_scaled.nii")).scales());
    assertFalse(NiftiVolumes.readHeader(dir.resolve("n2_f64_be.nii")).scales());
  }

  @Test
  void refusesATruncatedFileSayingHowManyBytesTheHeaderPromisedInOneLine() {
    Path file = dir.resolve("truncated.nii");
    IOException error = assertThrows(IOException.class, () -> NiftiVolumes.open(file));
    assertEquals(file + ": header says 5x4x3x6 float32 = 1440 bytes but the file holds 1340 after vox_offset 352",
        error.getMessage());
  }

  @Test
  void refusesAnUnsupportedDatatypeByName() {
    Path file = dir.resolve("unsupported_u16.nii");
    IOException error = assertThrows(IOException.class, () -> NiftiVolumes.open(file));
    assertTrue(error.getMessage().startsWith(file + ": unsupported datatype 512 (uint16)"), error.getMessage());
    assertFalse(error.getMessage().contains("\n"));
  }

  @Test
  void refusesAFileThatIsNotNifti() {
    Path file = dir.resolve("labels.tsv");
    IOException error = assertThrows(IOException.class, () -> NiftiVolumes.open(file));
    assertTrue(error.getMessage().startsWith(file + ": "), error.getMessage());
  }
}
