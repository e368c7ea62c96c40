package org.neuroencode.ingest.readers.nifti;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What the reader needs from a NIfTI-1 or NIfTI-2 header. The byte order is the one in which sizeof_hdr reads
 * 348 or 540, as the standard prescribes, so files written on big-endian machines read the same.
 *
 * @param shape x, y, z, volumes (missing dimensions are 1)
 * @param slope scl_slope as the file has it; see {@link #scales()}
 * @param timeStep pixdim[4], the spacing of the volumes in {@code xyztUnits}' time unit
 * @param xyztUnits the header's xyzt_units code (bits 3-5 give the time unit)
 */
public record NiftiHeader(int version, ByteOrder order, int[] shape, NiftiDatatype datatype, long voxOffset,
    double slope, double inter, double timeStep, int xyztUnits) {

  static final int NIFTI1_BYTES = 348;
  static final int NIFTI2_BYTES = 540;

  /** Parses a header read whole ({@link #headerBytes} bytes) from the start of the file. */
  static NiftiHeader parse(ByteBuffer whole, String source) throws IOException {
    int version = version(whole, source);
    ByteBuffer b = whole.duplicate().order(whole.order());
    String magic = new String(bytes(b, version == 1 ? 344 : 4, 4), StandardCharsets.US_ASCII);
    if (!magic.equals(version == 1 ? "n+1\0" : "n+2\0")) {
      throw new IOException(source + ": magic " + magic.trim() + " is not a single-file NIfTI-" + version
          + " (n+" + version + "); .hdr/.img pairs are not supported");
    }
    long[] dim = new long[8];
    for (int i = 0; i < 8; i++) {
      dim[i] = version == 1 ? b.getShort(40 + 2 * i) : b.getLong(16 + 8 * i);
    }
    int code = version == 1 ? b.getShort(70) : b.getShort(12);
    NiftiDatatype datatype = NiftiDatatype.of(code)
        .orElseThrow(() -> new IOException(source + ": unsupported " + NiftiDatatype.describe(code)));
    long voxOffset = version == 1 ? (long) b.getFloat(108) : b.getLong(168);
    double slope = version == 1 ? b.getFloat(112) : b.getDouble(176);
    double inter = version == 1 ? b.getFloat(116) : b.getDouble(184);
    double timeStep = version == 1 ? b.getFloat(76 + 4 * 4) : b.getDouble(104 + 8 * 4);
    int xyztUnits = version == 1 ? Byte.toUnsignedInt(b.get(123)) : b.getInt(500);
    int headerBytes = version == 1 ? NIFTI1_BYTES : NIFTI2_BYTES;
    if (voxOffset < headerBytes) {
      throw new IOException(source + ": vox_offset " + voxOffset + " lies inside the " + headerBytes + "-byte header");
    }
    return new NiftiHeader(version, b.order(), shape(dim, source), datatype, voxOffset, slope, inter, timeStep,
        xyztUnits);
  }

  /** Bytes of the header proper, which the caller must have read before {@link #parse}. */
  static int headerBytes(ByteBuffer first4, String source) throws IOException {
    return version(first4, source) == 1 ? NIFTI1_BYTES : NIFTI2_BYTES;
  }

  /** Sets the buffer's byte order to the file's as a side effect, so every later read agrees with it. */
  private static int version(ByteBuffer b, String source) throws IOException {
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      int size = b.order(order).getInt(0);
      if (size == NIFTI1_BYTES || size == NIFTI2_BYTES) {
        return size == NIFTI1_BYTES ? 1 : 2;
      }
    }
    throw new IOException(source + ": not a NIfTI file (sizeof_hdr is neither 348 nor 540 in either byte order)");
  }

  private static int[] shape(long[] dim, String source) throws IOException {
    if (dim[0] < 1 || dim[0] > 7) {
      throw new IOException(source + ": dim[0] = " + dim[0] + " is not a number of dimensions");
    }
    for (int i = 5; i <= dim[0]; i++) {
      if (dim[i] > 1) {
        throw new IOException(source + ": " + dim[0] + "-D data is not supported (up to 4-D: x, y, z, volumes)");
      }
    }
    int[] shape = {1, 1, 1, 1};
    for (int i = 1; i <= Math.min(4, dim[0]); i++) {
      if (dim[i] < 1 || dim[i] > Integer.MAX_VALUE) {
        throw new IOException(source + ": dimension " + i + " is " + dim[i]);
      }
      shape[i - 1] = (int) dim[i];
    }
    return shape;
  }

  private static byte[] bytes(ByteBuffer b, int at, int length) {
    byte[] out = new byte[length];
    b.get(at, out);
    return out;
  }

  /**
   * nibabel's rule: integers are scaled whenever scl_slope is set (not 0 or NaN); floats only when that would
   * change them, so an identity pair on float data leaves the values bit-identical.
   */
  public boolean scales() {
    boolean set = slope != 0 && !Double.isNaN(slope);
    return set && (!datatype.isFloat() || slope != 1 || (inter != 0 && !Double.isNaN(inter)));
  }

  public double interOrZero() {
    return Double.isNaN(inter) ? 0 : inter;
  }

  /**
   * The time between volumes in seconds, from pixdim[4] and the time unit of xyzt_units (seconds, milliseconds or
   * microseconds). Empty when pixdim[4] is not a positive finite number or the unit is not a time unit: an unset
   * unit is not trusted, because writers that know no TR (nibabel among them) leave pixdim[4] at 1 and the unit
   * unset, and a silent 1 s TR would misplace every window.
   */
  public java.util.OptionalDouble repetitionSeconds() {
    double scale = switch (xyztUnits & 0x38) {
      case 8 -> 1.0;
      case 16 -> 1e-3;
      case 24 -> 1e-6;
      default -> Double.NaN;
    };
    double seconds = timeStep * scale;
    return seconds > 0 && Double.isFinite(seconds) ? java.util.OptionalDouble.of(seconds) : java.util.OptionalDouble.empty();
  }

  public int volumes() {
    return shape[3];
  }

  public int[] spatialShape() {
    return Arrays.copyOf(shape, 3);
  }

  public long voxelsPerVolume() {
    return (long) shape[0] * shape[1] * shape[2];
  }

  public long dataBytes() {
    return voxelsPerVolume() * shape[3] * datatype.bytes();
  }

  static String format(int[] shape) {
    return Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining("x"));
  }
}
