package org.neuroencode.ingest.readers.pickle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
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
    if (!dtype.isSupportedFloat()) {
      throw new PickleFormatException(file, "numpy array of dtype " + dtype.name()
          + " is not supported (float32 or float64 only)");
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
