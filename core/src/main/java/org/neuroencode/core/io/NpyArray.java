package org.neuroencode.core.io;

import java.util.Arrays;

/** An array read from an NPY file: its values widened to double, in C (row-major) order. */
public record NpyArray(String dtype, int[] shape, double[] values) {

  public int rows() {
    return shape.length == 0 ? 1 : shape[0];
  }

  /** Product of the dimensions after the first (1 for a vector). */
  public int columns() {
    int columns = 1;
    for (int i = 1; i < shape.length; i++) {
      columns *= shape[i];
    }
    return columns;
  }

  @Override
  public String toString() {
    return "NpyArray[" + dtype + " " + Arrays.toString(shape) + "]";
  }
}
