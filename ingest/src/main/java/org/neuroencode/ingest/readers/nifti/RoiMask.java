package org.neuroencode.ingest.readers.nifti;

import java.util.function.DoublePredicate;
import java.util.stream.IntStream;

/**
 * One ROI's voxels as file offsets into a 3-D volume, in C order of (x, y, z): x slowest, z fastest, which is
 * numpy's {@code data[mask]} on a nibabel array, so voxel i here is voxel i of a Python pipeline's ROI vector.
 */
public record RoiMask(String name, int[] shape, int[] voxels) {

  /** Collects, in C order of (x, y, z), the voxels whose mask value passes {@code member}. */
  static int[] select(Volume volume, int[] shape, DoublePredicate member) {
    IntStream.Builder voxels = IntStream.builder();
    for (int x = 0; x < shape[0]; x++) {
      for (int y = 0; y < shape[1]; y++) {
        for (int z = 0; z < shape[2]; z++) {
          int offset = x + shape[0] * (y + shape[1] * z);
          if (member.test(volume.value(offset))) {
            voxels.add(offset);
          }
        }
      }
    }
    return voxels.build().toArray();
  }
}
