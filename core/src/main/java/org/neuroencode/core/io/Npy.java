package org.neuroencode.core.io;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's .npy format (versions 1 to 3) for float32 and float64 arrays, either byte order, C or
 * Fortran order. Errors name the file and the problem in one line.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fi])(\\d+)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** numpy writes headers of a few hundred bytes; anything near this is corrupt. */
  private static final int MAX_HEADER_BYTES = 1 << 20;

  private Npy() {}

  public static NpyArray read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  public static NpyArray read(InputStream stream, String name) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    try {
      NpyHeader header = readHeader(in, name);
      long count = header.count();
      if (count * header.itemSize() > Integer.MAX_VALUE) {
        throw new IOException(name + ": array of " + count + " values is too large to read at once");
      }
      // read what is there rather than allocate what the header claims: a tiny body with a huge shape must not
      // cost gigabytes of heap before it is found truncated
      int size = (int) (count * header.itemSize());
      byte[] data = in.readNBytes(size);
      if (data.length < size) {
        throw new EOFException();
      }
      double[] values = header.decode(ByteBuffer.wrap(data), (int) count);
      if (header.fortranOrder() && header.shape().length > 1) {
        values = fortranToC(values, header.shape());
      }
      return new NpyArray(header.dtype(), header.shape(), values);
    } catch (EOFException e) {
      throw new IOException(name + ": truncated NPY file (the header promises more data than the file holds)");
    }
  }

  /** Reads the magic, version and header dict; the stream is left at the first data byte. */
  static NpyHeader readHeader(DataInputStream in, String name) throws IOException {
    byte[] magic = new byte[MAGIC.length];
    in.readFully(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new IOException(name + ": not an NPY file (bad magic)");
    }
    int major = in.readUnsignedByte();
    in.readUnsignedByte();
    int headerLength = major == 1
        ? Short.toUnsignedInt(Short.reverseBytes(in.readShort()))
        : Integer.reverseBytes(in.readInt());
    if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
      throw new IOException(name + ": bad NPY header length " + headerLength);
    }
    byte[] headerBytes = new byte[headerLength];
    in.readFully(headerBytes);
    String header = new String(headerBytes, major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher descr = DESCR.matcher(header);
    Matcher fortran = FORTRAN.matcher(header);
    Matcher shapeMatch = SHAPE.matcher(header);
    if (!descr.find() || !fortran.find() || !shapeMatch.find()) {
      throw new IOException(name + ": unreadable NPY header " + header.trim());
    }
    String kind = descr.group(2);
    int itemSize = Integer.parseInt(descr.group(3));
    if (!kind.equals("f") || (itemSize != 4 && itemSize != 8)) {
      throw new IOException(name + ": dtype " + descr.group(1) + kind + itemSize
          + " is not supported (float32 or float64 only)");
    }
    ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    long dataOffset = MAGIC.length + 2 + (major == 1 ? 2 : 4) + headerLength;
    return new NpyHeader(itemSize, order, Boolean.parseBoolean(fortran.group(1).toLowerCase()),
        parseShape(shapeMatch.group(1), name), dataOffset);
  }

  /** Writes a float64 (or float32 when asked) array in C order. */
  public static void write(Path file, double[] values, boolean float32, int... shape) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(out, values, float32, shape);
    }
  }

  /** The bytes of an .npy file holding the array: what an HTTP client sends as application/x-npy. */
  public static byte[] bytes(double[] values, boolean float32, int... shape) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      write(out, values, float32, shape);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(OutputStream out, double[] values, boolean float32, int... shape) throws IOException {
    long count = 1;
    StringBuilder shapeText = new StringBuilder();
    for (int dim : shape) {
      count *= dim;
      shapeText.append(dim).append(", ");
    }
    if (count != values.length) {
      throw new IllegalArgumentException("shape does not hold " + values.length + " values");
    }
    String shapeField = shape.length == 1 ? shape[0] + "," : shapeText.substring(0, Math.max(0, shapeText.length() - 2));
    String header = "{'descr': '<" + (float32 ? "f4" : "f8") + "', 'fortran_order': False, 'shape': (" + shapeField + "), }";
    int unpadded = MAGIC.length + 2 + 2 + header.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    header = header + " ".repeat(padding) + "\n";
    int itemSize = float32 ? 4 : 8;
    ByteBuffer data = ByteBuffer.allocate(values.length * itemSize).order(ByteOrder.LITTLE_ENDIAN);
    if (float32) {
      FloatBuffer view = data.asFloatBuffer();
      for (double value : values) {
        view.put((float) value);
      }
    } else {
      data.asDoubleBuffer().put(values);
    }
    out.write(MAGIC);
    out.write(new byte[] {1, 0});
    out.write(new byte[] {(byte) (header.length() & 0xff), (byte) (header.length() >> 8)});
    out.write(header.getBytes(StandardCharsets.ISO_8859_1));
    out.write(data.array());
  }

  private static int[] parseShape(String text, String name) throws IOException {
    String[] parts = text.split(",");
    int dims = 0;
    int[] shape = new int[parts.length];
    for (String part : parts) {
      String trimmed = part.trim().replace("L", "");
      if (!trimmed.isEmpty()) {
        try {
          shape[dims++] = Integer.parseInt(trimmed);
        } catch (NumberFormatException e) {
          throw new IOException(name + ": bad shape (" + text + ")");
        }
        if (shape[dims - 1] < 0) {
          throw new IOException(name + ": bad shape (" + text + "): a negative dimension");
        }
      }
    }
    long count = 1;
    for (int d = 0; d < dims; d++) {
      if (shape[d] != 0 && count > Long.MAX_VALUE / 16 / shape[d]) {
        throw new IOException(name + ": bad shape (" + text + "): too many values");
      }
      count *= shape[d];
    }
    return java.util.Arrays.copyOf(shape, dims);
  }

  /** Reorders values stored in Fortran (first axis fastest) order into C (last axis fastest) order. */
  public static double[] fortranToC(double[] values, int[] shape) {
    double[] out = new double[values.length];
    int[] index = new int[shape.length];
    for (int f = 0; f < values.length; f++) {
      int c = 0;
      for (int d = 0; d < shape.length; d++) {
        c = c * shape[d] + index[d];
      }
      out[c] = values[f];
      for (int d = 0; d < shape.length; d++) {
        if (++index[d] < shape[d]) {
          break;
        }
        index[d] = 0;
      }
    }
    return out;
  }
}
