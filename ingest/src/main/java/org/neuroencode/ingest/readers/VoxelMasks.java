package org.neuroencode.ingest.readers;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.neuroencode.core.schema.VoxelMask;

/**
 * Voxel masks as the registry keeps them: the volume's shape and one bit per volume voxel in C order,
 * least significant bit first (numpy's {@code packbits(mask.ravel(), bitorder='little')}), so that a
 * whole-brain ROI's voxel i can be put back at its place in the volume.
 */
public final class VoxelMasks {
  private VoxelMasks() {}

  /** A mask from values in C order: nonzero means inside. */
  public static VoxelMask of(int[] shape, double[] values) {
    byte[] bits = new byte[(values.length + 7) / 8];
    for (int i = 0; i < values.length; i++) {
      if (values[i] != 0) {
        bits[i >> 3] |= (byte) (1 << (i & 7));
      }
    }
    return VoxelMask.newBuilder().setShape(Arrays.stream(shape).boxed().toList()).setBits(ByteBuffer.wrap(bits)).build();
  }

  /** The voxels inside. */
  public static int count(VoxelMask mask) {
    ByteBuffer bits = mask.getBits().duplicate();
    int count = 0;
    while (bits.hasRemaining()) {
      count += Integer.bitCount(Byte.toUnsignedInt(bits.get()));
    }
    return count;
  }

  /** The C-order linear index in the volume of each voxel inside, in the ROI's voxel order. */
  public static int[] indices(VoxelMask mask) {
    ByteBuffer bits = mask.getBits().duplicate();
    int[] indices = new int[count(mask)];
    int next = 0;
    for (int i = 0; bits.hasRemaining(); i += 8) {
      int octet = Byte.toUnsignedInt(bits.get());
      for (int b = 0; b < 8; b++) {
        if ((octet & (1 << b)) != 0) {
          indices[next++] = i + b;
        }
      }
    }
    return indices;
  }
}
