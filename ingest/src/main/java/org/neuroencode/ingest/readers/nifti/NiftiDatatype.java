package org.neuroencode.ingest.readers.nifti;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** The NIfTI datatypes fMRI data comes in; the others (complex, RGB, 64-bit ints) are refused by name. */
public enum NiftiDatatype {
  UINT8(2, 1, "uint8"),
  INT16(4, 2, "int16"),
  INT32(8, 4, "int32"),
  FLOAT32(16, 4, "float32"),
  FLOAT64(64, 8, "float64");

  private static final Map<Integer, String> UNSUPPORTED = Map.ofEntries(Map.entry(1, "binary"),
      Map.entry(32, "complex64"), Map.entry(128, "rgb24"), Map.entry(256, "int8"), Map.entry(512, "uint16"),
      Map.entry(768, "uint32"), Map.entry(1024, "int64"), Map.entry(1280, "uint64"), Map.entry(1536, "float128"),
      Map.entry(1792, "complex128"), Map.entry(2048, "complex256"), Map.entry(2304, "rgba32"));

  final int code;
  final int bytes;
  final String numpyName;

  NiftiDatatype(int code, int bytes, String numpyName) {
    this.code = code;
    this.bytes = bytes;
    this.numpyName = numpyName;
  }

  public int bytes() {
    return bytes;
  }

  public boolean isFloat() {
    return this == FLOAT32 || this == FLOAT64;
  }

  @Override
  public String toString() {
    return numpyName;
  }

  static Optional<NiftiDatatype> of(int code) {
    return Arrays.stream(values()).filter(type -> type.code == code).findFirst();
  }

  static String describe(int code) {
    return "datatype " + code + Optional.ofNullable(UNSUPPORTED.get(code)).map(name -> " (" + name + ")").orElse("")
        + "; supported: " + Arrays.toString(values());
  }
}
