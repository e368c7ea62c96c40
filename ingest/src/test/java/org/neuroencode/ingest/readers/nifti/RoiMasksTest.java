package org.neuroencode.ingest.readers.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoiMasksTest {
  @TempDir static Path dir;
  static JsonNode expected;

  @BeforeAll
  static void writeFixtures() throws Exception {
    expected = NiftiFixtures.write(dir);
  }

  @Test
  void takesTheNamedLabelsInTableOrderAndLeavesUnnamedLabelsOut() throws Exception {
    List<RoiMask> rois = RoiMasks.fromLabels(dir.resolve("labels.nii.gz"), dir.resolve("labels.tsv"));
    assertEquals(List.of("V1", "EBA"), rois.stream().map(RoiMask::name).toList());
    for (RoiMask roi : rois) {
      assertEquals(expected.get("roiVoxels").get(roi.name()).asInt(), roi.voxels().length, roi.name());
      assertArrayEquals(new int[] {5, 4, 3}, roi.shape());
    }
  }

  @Test
  void aBooleanMaskSelectsTheSameVoxelsInTheSameCOrderAsTheLabel() throws Exception {
    RoiMask fromMask = RoiMasks.fromMasks(Map.of("V1", dir.resolve("v1_mask.nii"))).get(0);
    RoiMask fromLabel = RoiMasks.fromLabels(dir.resolve("labels.nii.gz"), dir.resolve("labels.tsv")).get(0);
    assertArrayEquals(fromLabel.voxels(), fromMask.voxels());
    // C order of (x, y, z): z varies fastest, so the second voxel is (0, 0, 1), file offset 0 + 5 * (0 + 4 * 1)
    assertArrayEquals(new int[] {0, 20, 40, 5}, Arrays.copyOf(fromMask.voxels(), 4));
  }

  @Test
  void refusesAMaskWhoseShapeDiffersFromTheVolumesNamingBothFiles() throws Exception {
    Path mask = dir.resolve("wrong_shape_mask.nii");
    Path data = dir.resolve("n1_f32_le.nii");
    List<RoiMask> rois = RoiMasks.fromMasks(Map.of("V1", mask));
    IOException error = assertThrows(IOException.class,
        () -> RoiMasks.requireShape(rois, Map.of("V1", mask), new int[] {5, 4, 3}, data));
    assertEquals(mask + ": mask shape 5x4x2 differs from the volume's 5x4x3 in " + data, error.getMessage());
  }
}
