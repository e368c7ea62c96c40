package org.neuroencode.ingest.readers.pickle;

import java.util.Arrays;
import java.util.List;

/**
 * A numpy array whose elements are not numbers, rebuilt from a pickle, its elements in C (row-major) order:
 * fixed-width strings ({@code U<n>} and {@code S<n>}, as {@link String}, trailing NULs stripped as numpy does;
 * {@code S} bytes read as latin1, one char per byte) and object arrays ({@code O}, their Python values as
 * {@link PickleReader} maps them). Such arrays name things (stimulus orders, labels); readers that want data
 * refuse them.
 */
public record PickledObjects(String dtype, int[] shape, List<Object> values) {
  public PickledObjects {
    values = java.util.Collections.unmodifiableList(values);
  }

  @Override
  public String toString() {
    return "PickledObjects[" + dtype + " " + Arrays.toString(shape) + "]";
  }
}
