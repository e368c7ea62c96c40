package org.neuroencode.core.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.neuroencode.core.schema.DType;
import org.neuroencode.core.schema.Tensor;

/** Conversions between {@link Tensor} records (little-endian, row-major) and Java arrays. */
public final class Tensors {
  private Tensors() {}

  public static Tensor ofDoubles(double[] values, int... shape) {
    checkShape(values.length, shape);
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asDoubleBuffer().put(values);
    return new Tensor(DType.FLOAT64, boxed(shape), buffer);
  }

  /** float32 copies of the values, for tensors where float32 precision is enough (such as per-voxel r). */
  public static float[] narrow(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  public static Tensor ofFloats(float[] values, int... shape) {
    checkShape(values.length, shape);
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(values);
    return new Tensor(DType.FLOAT32, boxed(shape), buffer);
  }

  /** A 1-D tensor of the given dtype; float32 narrows the values. */
  public static Tensor vector(double[] values, DType dtype) {
    if (dtype == DType.FLOAT64) {
      return ofDoubles(values, values.length);
    }
    float[] narrowed = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      narrowed[i] = (float) values[i];
    }
    return ofFloats(narrowed, values.length);
  }

  public static int itemSize(DType dtype) {
    return dtype == DType.FLOAT64 ? Double.BYTES : Float.BYTES;
  }

  public static int elementCount(Tensor tensor) {
    long count = 1;
    for (int dim : tensor.getShape()) {
      if (dim < 0) {
        throw new IllegalArgumentException("tensor has a negative dimension " + tensor.getShape());
      }
      count *= dim;
    }
    if (count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("tensor of shape " + tensor.getShape() + " is too large");
    }
    return (int) count;
  }

  /** Checks that the byte length agrees with dtype and shape; returns a message or null. */
  public static String problem(Tensor tensor) {
    if (tensor == null) {
      return "tensor is missing";
    }
    if (tensor.getShape().isEmpty()) {
      return "tensor has no shape";
    }
    long count = 1;
    for (int dim : tensor.getShape()) {
      if (dim < 0) {
        return "tensor has a negative dimension in shape " + tensor.getShape();
      }
      count *= dim;
    }
    long expected = count * itemSize(tensor.getDtype());
    int actual = tensor.getData().remaining();
    if (expected != actual) {
      return "tensor of shape " + tensor.getShape() + " and dtype " + tensor.getDtype()
          + " needs " + expected + " bytes but has " + actual;
    }
    return null;
  }

  /** The values widened to double, in row-major order. */
  public static double[] toDoubles(Tensor tensor) {
    String problem = problem(tensor);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    ByteBuffer data = tensor.getData().duplicate().order(ByteOrder.LITTLE_ENDIAN);
    double[] out = new double[elementCount(tensor)];
    if (tensor.getDtype() == DType.FLOAT64) {
      data.asDoubleBuffer().get(out);
    } else {
      var floats = data.asFloatBuffer();
      for (int i = 0; i < out.length; i++) {
        out[i] = floats.get(i);
      }
    }
    return out;
  }

  /** Elements [from, to) of a 1-D tensor, in its own dtype (the bytes are copied, not converted). */
  public static Tensor slice(Tensor vector, int from, int to) {
    int length = elementCount(vector);
    if (vector.getShape().size() != 1 || from < 0 || to > length || from > to) {
      throw new IllegalArgumentException("cannot slice [" + from + ", " + to + ") of a tensor of shape " + vector.getShape());
    }
    int item = itemSize(vector.getDtype());
    ByteBuffer source = vector.getData().duplicate();
    source.position(source.position() + from * item).limit(source.position() + (to - from) * item);
    ByteBuffer copy = ByteBuffer.allocate((to - from) * item);
    copy.put(source).flip();
    return new Tensor(vector.getDtype(), boxed(to - from), copy);
  }

  /** Index of the first non-finite value, or -1. */
  public static int firstNonFinite(double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        return i;
      }
    }
    return -1;
  }

  public static List<Integer> boxed(int... shape) {
    List<Integer> list = new ArrayList<>(shape.length);
    for (int dim : shape) {
      list.add(dim);
    }
    return list;
  }

  private static void checkShape(int length, int... shape) {
    long count = 1;
    for (int dim : shape) {
      count *= dim;
    }
    if (count != length) {
      throw new IllegalArgumentException("shape " + boxed(shape) + " does not hold " + length + " values");
    }
  }
}
