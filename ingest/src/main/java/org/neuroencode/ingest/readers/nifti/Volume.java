package org.neuroencode.ingest.readers.nifti;

import java.nio.ByteBuffer;

/**
 * One 3-D volume as the file stores it (x fastest), with the header's scaling applied on read. Voxels are
 * addressed by their file offset {@code x + nx * (y + ny * z)}; {@link RoiMask} decides which and in what order.
 */
public final class Volume {
  private final NiftiHeader header;
  private final ByteBuffer buffer;
  private final boolean scales;
  private final double slope;
  private final double inter;

  Volume(NiftiHeader header, ByteBuffer buffer) {
    this.header = header;
    this.buffer = buffer;
    this.scales = header.scales();
    this.slope = header.slope();
    this.inter = header.interOrZero();
  }

  ByteBuffer buffer() {
    return buffer;
  }

  public double value(int voxel) {
    double raw = switch (header.datatype()) {
      case UINT8 -> Byte.toUnsignedInt(buffer.get(voxel));
      case INT16 -> buffer.getShort(voxel * 2);
      case INT32 -> buffer.getInt(voxel * 4);
      case FLOAT32 -> buffer.getFloat(voxel * 4);
      case FLOAT64 -> buffer.getDouble(voxel * 8);
    };
    // computed in double, as nibabel's get_fdata() does, so scaled values agree with it bit for bit
    return scales ? raw * slope + inter : raw;
  }

  /** The values at the given file offsets, in the order given. */
  public double[] select(int[] voxels) {
    double[] values = new double[voxels.length];
    for (int i = 0; i < voxels.length; i++) {
      values[i] = value(voxels[i]);
    }
    return values;
  }
}
