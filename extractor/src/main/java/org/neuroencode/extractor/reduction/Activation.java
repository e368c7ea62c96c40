package org.neuroencode.extractor.reduction;

import java.util.Arrays;

/** One clip's activation of one layer: row-major values and their shape (no batch dimension). */
public record Activation(float[] values, int[] shape) {

  public Activation {
    long count = 1;
    for (int dim : shape) {
      if (dim < 1) {
        throw new IllegalArgumentException("activation shape " + Arrays.toString(shape) + " has an empty dimension");
      }
      count *= dim;
    }
    if (count != values.length) {
      throw new IllegalArgumentException("activation shape " + Arrays.toString(shape) + " does not hold "
          + values.length + " values");
    }
  }

  public String shapeText() {
    return Arrays.toString(shape);
  }
}
