package org.neuroencode.ingest.readers.hdf5;

import io.jhdf.api.Dataset;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.util.Arrays;

/**
 * One array of an HDF5 file whose samples (stimuli) are read a slab at a time. A sample's values are
 * (repetitions, width) in C order for a repeated response array (repetitions, samples, voxels), and the
 * flattened trailing axes otherwise.
 */
public final class SampleArray {
  /** The most source values one slab holds, whatever the file's size. */
  static final int SLAB_VALUES = 1 << 20;
  private final String name;
  private final Dataset dataset;
  private final int[] shape;
  private final String dtype;
  private final boolean repeated;
  private final int samples;
  private final int repetitions;
  private final int width;
  private final int slabSamples;
  private double[][] slab = new double[0][];
  private int slabStart;

  SampleArray(String name, Dataset dataset, int[] shape, String dtype, boolean repeated) throws IOException {
    this.name = name;
    this.dataset = dataset;
    this.shape = shape;
    this.dtype = dtype;
    this.repeated = repeated;
    this.samples = repeated ? shape[1] : shape[0];
    this.repetitions = repeated ? shape[0] : 1;
    long rest = 1;
    for (int d = repeated ? 2 : 1; d < shape.length; d++) {
      rest *= shape[d];
    }
    if (rest * repetitions > Integer.MAX_VALUE / 8) {
      throw new IOException(name + ": one sample of " + rest * repetitions + " values is too large to hold");
    }
    this.width = (int) rest;
    this.slabSamples = (int) Math.max(1, Math.min(samples, SLAB_VALUES / Math.max(1, rest * repetitions)));
  }

  public String name() {
    return name;
  }

  public int[] shape() {
    return shape.clone();
  }

  public String dtype() {
    return dtype;
  }

  public int samples() {
    return samples;
  }

  public int repetitions() {
    return repetitions;
  }

  /** Voxels of a response array, features of a feature array. */
  public int width() {
    return width;
  }

  /** Sample i: (repetitions, width) values in C order. Reading in increasing order reads each slab once. */
  public double[] sample(int i) throws IOException {
    if (i < 0 || i >= samples) {
      throw new IndexOutOfBoundsException(name + ": sample " + i + " of " + samples);
    }
    if (i < slabStart || i >= slabStart + slab.length) {
      readSlab(i - i % slabSamples);
    }
    return slab[i - slabStart];
  }

  private void readSlab(int first) throws IOException {
    int count = Math.min(slabSamples, samples - first);
    // the previous slab and the source arrays go before the next copy is made: at most two slabs' worth is live, so a
    // heap of a few slabs suffices (a 64 MB heap ran out while the old slab, the source, the flat copy and the rows
    // were all held)
    slab = new double[0][];
    slabStart = 0;
    long[] offset = new long[shape.length];
    int[] dims = shape.clone();
    offset[repeated ? 1 : 0] = first;
    dims[repeated ? 1 : 0] = count;
    Object data;
    try {
      data = dataset.getData(offset, dims);
    } catch (HdfException | IllegalArgumentException e) {
      throw new IOException(name + ": unreadable samples " + first + "–" + (first + count - 1) + " ("
          + VoxelwiseFile.oneLine(e) + ")");
    }
    double[] values = new double[count * repetitions * width];
    flatten(data, values, 0);
    data = null;
    double[][] rows = new double[count][repetitions * width];
    for (int r = 0; r < repetitions; r++) {
      for (int s = 0; s < count; s++) {
        // the slab is (repetitions, count, width) or (count, width) in C order
        System.arraycopy(values, (r * count + s) * width, rows[s], r * width, width);
      }
    }
    slab = rows;
    slabStart = first;
  }

  /** Copies jhdf's nested Java arrays into {@code out} in C order; returns the next free index. */
  private static int flatten(Object data, double[] out, int at) {
    if (data instanceof double[] doubles) {
      System.arraycopy(doubles, 0, out, at, doubles.length);
      return at + doubles.length;
    }
    if (data instanceof float[] floats) {
      for (float value : floats) {
        out[at++] = value;
      }
      return at;
    }
    for (Object inner : (Object[]) data) {
      at = flatten(inner, out, at);
    }
    return at;
  }

  @Override
  public String toString() {
    return name + " " + dtype + " " + Arrays.toString(shape);
  }
}
