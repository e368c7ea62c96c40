package org.neuroencode.ingest.readers.pickle;

import java.util.List;
import java.util.Map;

/**
 * A {@code numpy.dtype} as a pickle builds it: REDUCE gives the type string ("f8"), the later BUILD
 * gives the byte order, so the object is completed in place like numpy's own.
 */
final class PickledDType {
  private static final Map<String, String> NAMES = Map.of(
      "f4", "float32", "f8", "float64", "f2", "float16", "i8", "int64", "i4", "int32", "i2", "int16",
      "i1", "int8", "u1", "uint8", "b1", "bool");
  private static final Map<String, String> UNSIGNED = Map.of("u2", "uint16", "u4", "uint32", "u8", "uint64");
  private final String typeString;
  private char byteOrder = '<';

  PickledDType(String typeString) {
    this.typeString = typeString;
  }

  /** numpy's dtype state: (version, byteorder, subarray, names, fields, elsize, alignment, flags). */
  void build(List<?> state, String file) throws PickleFormatException {
    if (state.size() < 5 || !(state.get(1) instanceof String order) || order.length() != 1) {
      throw new PickleFormatException(file, "unreadable numpy dtype state " + state);
    }
    if (state.get(2) != null || state.get(3) != null) {
      throw new PickleFormatException(file, "structured or sub-array dtypes are not supported");
    }
    // '|' (not applicable) and '=' (native) do not occur for floats written by numpy; x86 is little-endian
    byteOrder = order.charAt(0) == '>' ? '>' : '<';
  }

  String name() {
    return NAMES.getOrDefault(typeString, UNSIGNED.getOrDefault(typeString, typeString));
  }

  boolean isSupportedFloat() {
    return typeString.equals("f4") || typeString.equals("f8");
  }

  /**
   * Booleans and integers: voxel masks, index and stimulus-order arrays. They decode to their values (bool to
   * 0/1), exactly up to 2^53; readers publish only float arrays, and refuse integer ones where they want data.
   */
  boolean isSupportedInteger() {
    return typeString.equals("b1") || typeString.matches("[iu][1248]");
  }

  /** numpy's fixed-width strings: {@code U<n>} (UCS-4 text, n characters) and {@code S<n>} (bytes). */
  boolean isString() {
    return typeString.matches("[US]\\d+");
  }

  /** numpy's object arrays ({@code O8}), pickled as a list of their Python values. */
  boolean isObject() {
    return typeString.matches("O\\d*");
  }

  boolean bigEndian() {
    return byteOrder == '>';
  }

  /** Bytes per element; a {@code U<n>} string holds n four-byte characters. */
  int itemSize() {
    int size = Integer.parseInt(typeString.substring(1));
    return typeString.charAt(0) == 'U' ? 4 * size : size;
  }

  /** The NPY descr, e.g. "&gt;f4". */
  String descr() {
    return byteOrder + typeString;
  }
}
