package org.neuroencode.extractor.preprocess;

import java.util.Arrays;

/** One input tensor of one clip, row-major, without the batch dimension. */
public record ClipTensor(float[] values, int[] shape) {

  public ClipTensor {
    long count = 1;
    for (int dim : shape) {
      count *= dim;
    }
    if (count != values.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + values.length + " values");
    }
  }

  public static ClipTensor zeros(int... shape) {
    long count = 1;
    for (int dim : shape) {
      count *= dim;
    }
    return new ClipTensor(new float[Math.toIntExact(count)], shape);
  }
}
