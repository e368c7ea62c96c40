package org.neuroencode.ingest.readers.pickle;

import java.util.List;

/**
 * The empty array that {@code _reconstruct} returns; BUILD fills it. It may be memoized before BUILD,
 * so it is completed in place and swapped for its {@link PickledArray} only once the pickle is read.
 */
final class NdarrayStub {
  private Object built;

  /** numpy's ndarray state: ([version,] shape, dtype, is_fortran, raw data). */
  void build(List<?> state, String file) throws PickleFormatException {
    int base = state.size() - 4;
    if (base < 0 || !(state.get(base) instanceof List<?> shape) || !(state.get(base + 1) instanceof PickledDType dtype)
        || !(state.get(base + 2) instanceof Boolean fortran)) {
      throw new PickleFormatException(file, "unreadable numpy array state");
    }
    built = ArrayDecoder.decode(file, dtype, shape, fortran, state.get(base + 3));
  }

  /** The {@link PickledArray} or {@link PickledObjects}. */
  Object array(String file) throws PickleFormatException {
    if (built == null) {
      throw new PickleFormatException(file, "a numpy array is never given its data (no BUILD)");
    }
    return built;
  }
}
