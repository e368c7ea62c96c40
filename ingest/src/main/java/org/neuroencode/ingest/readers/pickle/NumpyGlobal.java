package org.neuroencode.ingest.readers.pickle;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The only globals a pickle may name: those numpy's arrays pickle themselves with. Anything else is
 * refused, since constructing arbitrary objects is what makes pickles unsafe.
 */
enum NumpyGlobal {
  RECONSTRUCT("numpy.core.multiarray", "_reconstruct"),
  RECONSTRUCT_NUMPY2("numpy._core.multiarray", "_reconstruct"),
  FROMBUFFER("numpy.core.numeric", "_frombuffer"),
  FROMBUFFER_NUMPY2("numpy._core.numeric", "_frombuffer"),
  /** How a numpy scalar (an element taken out of an array, as a list built from one holds) pickles itself. */
  SCALAR("numpy.core.multiarray", "scalar"),
  SCALAR_NUMPY2("numpy._core.multiarray", "scalar"),
  NDARRAY("numpy", "ndarray"),
  DTYPE("numpy", "dtype"),
  /** How Python 3 writes bytes at protocol 2: {@code _codecs.encode(latin1_text, "latin1")}. */
  CODECS_ENCODE("_codecs", "encode");

  private final String module;
  private final String name;

  NumpyGlobal(String module, String name) {
    this.module = module;
    this.name = name;
  }

  static NumpyGlobal find(String module, String name, String file) throws PickleFormatException {
    for (NumpyGlobal global : values()) {
      if (global.module.equals(module) && global.name.equals(name)) {
        return global;
      }
    }
    throw new PickleFormatException(file, "unsupported global " + module + "." + name
        + " (only numpy arrays, dicts, lists, tuples, strings and numbers are read)");
  }

  Object call(List<?> args, String file) throws PickleFormatException {
    return switch (this) {
      case RECONSTRUCT, RECONSTRUCT_NUMPY2 -> {
        if (args.isEmpty() || args.get(0) != NDARRAY) {
          throw new PickleFormatException(file, "_reconstruct of something other than numpy.ndarray");
        }
        yield new NdarrayStub();
      }
      case FROMBUFFER, FROMBUFFER_NUMPY2 -> {
        if (args.size() != 4 || !(args.get(1) instanceof PickledDType dtype) || !(args.get(2) instanceof List<?> shape)
            || !(args.get(3) instanceof String order)) {
          throw new PickleFormatException(file, "unreadable numpy _frombuffer arguments");
        }
        yield ArrayDecoder.decode(file, dtype, shape, order.equals("F"), args.get(0));
      }
      case SCALAR, SCALAR_NUMPY2 -> {
        if (args.size() != 2 || !(args.get(0) instanceof PickledDType dtype)) {
          throw new PickleFormatException(file, "unreadable numpy scalar arguments");
        }
        yield ArrayDecoder.scalar(file, dtype, args.get(1));
      }
      case DTYPE -> {
        if (args.isEmpty() || !(args.get(0) instanceof String typeString) || typeString.length() < 2) {
          throw new PickleFormatException(file, "unreadable numpy dtype arguments " + args);
        }
        yield new PickledDType(typeString);
      }
      case CODECS_ENCODE -> {
        if (args.size() != 2 || !(args.get(0) instanceof String text) || !List.of("latin1", "latin-1").contains(args.get(1))) {
          throw new PickleFormatException(file, "_codecs.encode is only read for latin1 byte strings");
        }
        yield text.getBytes(StandardCharsets.ISO_8859_1);
      }
      case NDARRAY -> throw new PickleFormatException(file, "numpy.ndarray is called directly, not through _reconstruct");
    };
  }
}
