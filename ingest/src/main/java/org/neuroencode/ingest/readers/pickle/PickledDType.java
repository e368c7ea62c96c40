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
    return NAMES.getOrDefault(typeString, typeString);
  }

  boolean isSupportedFloat() {
    return typeString.equals("f4") || typeString.equals("f8");
  }

  int itemSize() {
    return Integer.parseInt(typeString.substring(1));
  }

  /** The NPY descr, e.g. "&gt;f4". */
  String descr() {
    return byteOrder + typeString;
  }
}
