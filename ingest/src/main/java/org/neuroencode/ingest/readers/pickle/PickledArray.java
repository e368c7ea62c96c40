package org.neuroencode.ingest.readers.pickle;

import java.util.Arrays;
import org.neuroencode.core.io.NpyArray;

/** A numpy array rebuilt from a pickle: its values widened to double, in C (row-major) order. */
public record PickledArray(String dtype, int[] shape, double[] values) {

  /** The same array as the core type every response publisher takes. */
  public NpyArray asNpy() {
    return new NpyArray(dtype, shape, values);
  }

  @Override
  public String toString() {
    return "PickledArray[" + dtype + " " + Arrays.toString(shape) + "]";
  }
}
