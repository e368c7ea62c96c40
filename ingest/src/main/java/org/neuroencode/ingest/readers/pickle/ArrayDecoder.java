package org.neuroencode.ingest.readers.pickle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.neuroencode.core.io.Npy;
import org.neuroencode.core.io.NpyArray;

/**
 * Turns a pickled array's raw buffer into values. The buffer is exactly an NPY payload, so it is
 * handed to {@link Npy} behind a synthesized header: one decoder for byte order and Fortran order.
 */
final class ArrayDecoder {
  private ArrayDecoder() {}

  static PickledArray decode(String file, PickledDType dtype, List<?> shapeTuple, boolean fortran, byte[] data)
      throws PickleFormatException {
    if (!dtype.isSupportedFloat() && !dtype.isSupportedInteger()) {
      throw new PickleFormatException(file, "numpy array of dtype " + dtype.name()
          + " is not supported (floats, integers and bools only)");
    }
    int[] shape = shape(shapeTuple, file);
    long expected = dtype.itemSize();
    for (int dim : shape) {
      expected *= dim;
    }
    if (expected != data.length) {
      throw new PickleFormatException(file, "numpy array data holds " + data.length + " bytes, but its shape and dtype need "
          + expected);
    }
    if (dtype.isSupportedInteger()) {
      return integers(dtype, shape, fortran, data);
    }
    StringBuilder shapeText = new StringBuilder();
    for (int dim : shape) {
      shapeText.append(dim).append(',');
    }
    String header = "{'descr': '" + dtype.descr() + "', 'fortran_order': " + (fortran ? "True" : "False")
        + ", 'shape': (" + shapeText + "), }\n";
    byte[] headerBytes = header.getBytes(StandardCharsets.ISO_8859_1);
    byte[] prefix = new byte[10 + headerBytes.length];
    System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, 0, prefix, 0, 8);
    prefix[8] = (byte) headerBytes.length;
    prefix[9] = (byte) (headerBytes.length >> 8);
    System.arraycopy(headerBytes, 0, prefix, 10, headerBytes.length);
    InputStream npy = new SequenceInputStream(new ByteArrayInputStream(prefix), new ByteArrayInputStream(data));
    try {
      NpyArray array = Npy.read(npy, file);
      return new PickledArray(array.dtype(), shape, array.values());
    } catch (IOException e) {
      throw new PickleFormatException(file, "undecodable numpy array (" + e.getMessage() + ")");
    }
  }

  /** Bools as 0/1, signed and unsigned integers as their values. */
  private static PickledArray integers(PickledDType dtype, int[] shape, boolean fortran, byte[] data) {
    ByteBuffer buffer = ByteBuffer.wrap(data).order(dtype.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    boolean unsigned = dtype.name().startsWith("uint");
    double[] values = new double[data.length / dtype.itemSize()];
    for (int i = 0; i < values.length; i++) {
      values[i] = switch (dtype.itemSize()) {
        case 1 -> unsigned || dtype.name().equals("bool") ? Byte.toUnsignedInt(buffer.get()) : buffer.get();
        case 2 -> unsigned ? Short.toUnsignedInt(buffer.getShort()) : buffer.getShort();
        case 4 -> unsigned ? Integer.toUnsignedLong(buffer.getInt()) : buffer.getInt();
        default -> unsigned ? unsignedLong(buffer.getLong()) : buffer.getLong();
      };
      if (dtype.name().equals("bool")) {
        values[i] = values[i] != 0 ? 1 : 0;
      }
    }
    return new PickledArray(dtype.name(), shape, fortran && shape.length > 1 ? Npy.fortranToC(values, shape) : values);
  }

  private static double unsignedLong(long value) {
    return value >= 0 ? value : (value >>> 1) * 2.0 + (value & 1);
  }

  /**
   * Python 2 wrote the buffer as a str, which a latin1 reading turns into one char per byte: encoding
   * it back as latin1 restores the bytes exactly.
   */
  static byte[] rawBytes(Object data, String file) throws PickleFormatException {
    if (data instanceof byte[] bytes) {
      return bytes;
    }
    if (data instanceof String text) {
      return text.getBytes(StandardCharsets.ISO_8859_1);
    }
    throw new PickleFormatException(file, "numpy array data is not a byte buffer (object arrays are not supported)");
  }

  private static int[] shape(List<?> tuple, String file) throws PickleFormatException {
    int[] shape = new int[tuple.size()];
    for (int i = 0; i < shape.length; i++) {
      if (!(tuple.get(i) instanceof Long dim) || dim < 0 || dim > Integer.MAX_VALUE) {
        throw new PickleFormatException(file, "bad numpy array shape " + tuple);
      }
      shape[i] = dim.intValue();
    }
    return shape;
  }
}
