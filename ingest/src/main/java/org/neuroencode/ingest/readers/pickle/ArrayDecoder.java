package org.neuroencode.ingest.readers.pickle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.neuroencode.core.io.Npy;
import org.neuroencode.core.io.NpyArray;

/**
 * Turns a pickled array's raw buffer into values. The buffer is exactly an NPY payload, so it is
 * handed to {@link Npy} behind a synthesized header: one decoder for byte order and Fortran order.
 */
final class ArrayDecoder {
  private ArrayDecoder() {}

  /**
   * A {@link PickledArray} for floats, integers and bools, a {@link PickledObjects} for strings and objects.
   * {@code data} is the raw buffer ({@code byte[]} or a Python 2 str), or for an object array the list of its values.
   */
  static Object decode(String file, PickledDType dtype, List<?> shapeTuple, boolean fortran, Object data)
      throws PickleFormatException {
    if (!dtype.isSupportedFloat() && !dtype.isSupportedInteger() && !dtype.isString() && !dtype.isObject()) {
      throw new PickleFormatException(file, "numpy array of dtype " + dtype.name()
          + " is not supported (floats, integers, bools, strings and objects only)");
    }
    int[] shape = shape(shapeTuple, file);
    long count = 1;
    for (int dim : shape) {
      count *= dim;
    }
    if (dtype.isObject()) {
      if (!(data instanceof List<?> items) || items.size() != count) {
        throw new PickleFormatException(file, "numpy object array data is not a list of its " + count + " values");
      }
      return new PickledObjects("object", shape, fortran ? fortranToC(items, shape) : new ArrayList<>(items));
    }
    byte[] bytes = rawBytes(data, file);
    long expected = dtype.itemSize() * count;
    if (expected != bytes.length) {
      throw new PickleFormatException(file, "numpy array data holds " + bytes.length + " bytes, but its shape and dtype need "
          + expected);
    }
    if (dtype.isString()) {
      List<Object> strings = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        strings.add(string(file, dtype, bytes, i * dtype.itemSize()));
      }
      return new PickledObjects(dtype.name(), shape, fortran ? fortranToC(strings, shape) : strings);
    }
    return numbers(file, dtype, shape, fortran, bytes);
  }

  /**
   * A numpy scalar, {@code numpy.core.multiarray.scalar(dtype, raw bytes)}, as a Python value would read: an
   * integer as {@link Long}, a bool as {@link Boolean}, a float as {@link Double}, a string as {@link String}.
   * These are what a Python list built from a numpy array holds.
   */
  static Object scalar(String file, PickledDType dtype, Object data) throws PickleFormatException {
    if (dtype.isObject()) {
      return data;
    }
    Object array = decode(file, dtype, List.of(), false, data);
    if (array instanceof PickledObjects strings) {
      return strings.values().get(0);
    }
    double value = ((PickledArray) array).values()[0];
    if (dtype.name().equals("bool")) {
      return value != 0;
    }
    if (dtype.isSupportedInteger()) {
      if (dtype.name().equals("uint64") && value >= 0x1p63) {
        throw new PickleFormatException(file, "numpy uint64 scalar " + value + " is beyond the integers read");
      }
      return dtype.itemSize() == 8 ? integer64(dtype, rawBytes(data, file)) : (long) value;
    }
    return value;
  }

  private static PickledArray numbers(String file, PickledDType dtype, int[] shape, boolean fortran, byte[] data)
      throws PickleFormatException {
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

  /** The exact value of an 8-byte integer scalar (a double holds integers exactly only up to 2^53). */
  private static long integer64(PickledDType dtype, byte[] data) {
    return ByteBuffer.wrap(data).order(dtype.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN).getLong();
  }

  /** Element i of a fixed-width string array: UCS-4 code points for U, latin1 bytes for S; trailing NULs dropped. */
  private static String string(String file, PickledDType dtype, byte[] data, int offset) throws PickleFormatException {
    int size = dtype.itemSize();
    if (dtype.name().startsWith("S")) {
      int end = size;
      while (end > 0 && data[offset + end - 1] == 0) {
        end--;
      }
      return new String(data, offset, end, StandardCharsets.ISO_8859_1);
    }
    ByteBuffer buffer = ByteBuffer.wrap(data, offset, size).order(dtype.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    int[] codePoints = new int[size / 4];
    for (int i = 0; i < codePoints.length; i++) {
      codePoints[i] = buffer.getInt();
    }
    int end = codePoints.length;
    while (end > 0 && codePoints[end - 1] == 0) {
      end--;
    }
    try {
      return new String(codePoints, 0, end);
    } catch (IllegalArgumentException e) {
      throw new PickleFormatException(file, "numpy string array holds an invalid code point");
    }
  }

  /** Fortran-order elements in C order: C index i has coordinates whose Fortran index holds its value. */
  private static List<Object> fortranToC(List<?> fortran, int[] shape) {
    List<Object> c = new ArrayList<>(fortran.size());
    int[] index = new int[shape.length];
    for (int i = 0; i < fortran.size(); i++) {
      int f = 0;
      for (int axis = shape.length - 1; axis >= 0; axis--) {
        f = f * shape[axis] + index[axis];
      }
      c.add(fortran.get(f));
      for (int axis = shape.length - 1; axis >= 0 && ++index[axis] == shape[axis]; axis--) {
        index[axis] = 0;
      }
    }
    return c;
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
    throw new PickleFormatException(file, "numpy array data is not a byte buffer");
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
