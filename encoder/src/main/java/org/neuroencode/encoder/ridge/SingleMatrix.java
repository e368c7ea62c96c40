package org.neuroencode.encoder.ridge;

import java.nio.FloatBuffer;

/**
 * A dense row-major matrix of floats in a {@link LinearAlgebra} backend's storage, for the products that
 * {@link RidgeSettings.Precision#MIXED} runs in single precision. A {@link #view} shares its parent's storage (rows
 * {@code stride} floats apart), so a block of rows and columns enters a product without a copy. Close the
 * matrix, not its views, when done.
 */
public class SingleMatrix implements AutoCloseable {

    private final int rows;
    private final int cols;
    private final FloatBuffer data;
    private final int offset;
    private final int stride;
    private final boolean view;

    SingleMatrix(int rows, int cols, FloatBuffer data) {
        this(rows, cols, data, 0, cols, false);
        if (data.capacity() != (long) rows * cols) {
            throw new IllegalArgumentException("storage of " + data.capacity() + " floats for a " + rows + "x" + cols + " matrix");
        }
    }

    /** The same matrix or view, for subclasses that add a handle on the storage. */
    SingleMatrix(SingleMatrix other) {
        this(other.rows, other.cols, other.data, other.offset, other.stride, other.view);
    }

    private SingleMatrix(int rows, int cols, FloatBuffer data, int offset, int stride, boolean view) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative matrix shape " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
        this.offset = offset;
        this.stride = stride;
        this.view = view;
    }

    static void checkTransposed(SingleMatrix source, SingleMatrix target) {
        if (target.rows != source.cols || target.cols != source.rows) {
            throw new IllegalArgumentException("the transpose of a " + source.rows + "x" + source.cols + " matrix into a " + target.rows + "x"
                    + target.cols + " one");
        }
    }

    static void checkRankOne(float[] x, float[] y, SingleMatrix a) {
        if (x.length != a.rows || y.length != a.cols) {
            throw new IllegalArgumentException("a rank-one update of " + x.length + " by " + y.length + " values to a " + a.rows + "x" + a.cols + " matrix");
        }
    }

    /** The number of segments of source's rows as long as reference's, once the shapes are checked. */
    static int checkSegments(SingleMatrix reference, SingleMatrix source, double[] target) {
        int length = reference.cols;
        if (length <= 0 || reference.rows != source.rows || source.cols % length != 0
                || target.length < (long) source.rows * (source.cols / length)) {
            throw new IllegalArgumentException("segments of a " + reference.rows + "x" + length + " matrix's rows along those of a " + source.rows
                    + "x" + source.cols + " one into " + target.length + " values");
        }
        return source.cols / length;
    }

    static SingleMatrix onHeap(int rows, int cols) {
        return new SingleMatrix(rows, cols, FloatBuffer.wrap(new float[Math.multiplyExact(rows, cols)]));
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Index of the first element in the storage. */
    int offset() {
        return offset;
    }

    /** Floats from one row to the next in the storage (the BLAS leading dimension). */
    int stride() {
        return stride;
    }

    /** Rows [row, row + rowCount) and columns [col, col + colCount), sharing this matrix's storage. */
    SingleMatrix view(int row, int rowCount, int col, int colCount) {
        if (row < 0 || col < 0 || rowCount < 0 || colCount < 0 || row + rowCount > rows || col + colCount > cols) {
            throw new IllegalArgumentException("rows " + row + "+" + rowCount + ", columns " + col + "+" + colCount + " of a " + rows + "x" + cols
                    + " matrix");
        }
        return wrapView(rowCount, colCount, offset + row * stride + col);
    }

    /** A view of the same storage; native subclasses keep their pointer. */
    SingleMatrix wrapView(int rowCount, int colCount, int start) {
        return new SingleMatrix(rowCount, colCount, data, start, stride, true);
    }

    /** Whether this shares another matrix's storage, which closing it leaves alone. */
    boolean isView() {
        return view;
    }

    public float get(int row, int col) {
        return data.get(offset + row * stride + col);
    }

    /** Copies {@code count} elements of row {@code row}, from column {@code col}, into {@code target}. */
    public void readRow(int row, int col, float[] target, int targetOffset, int count) {
        // a view's row ends before the storage does: without this a read past its columns would return the next row
        if (row < 0 || row >= rows || col < 0 || count < 0 || col + count > cols || targetOffset < 0 || targetOffset + count > target.length) {
            throw new IndexOutOfBoundsException("row " + row + ", columns " + col + "+" + count + " of a " + rows + "x" + cols + " matrix into "
                    + targetOffset + "+" + count + " of " + target.length + " floats");
        }
        copy(offset + row * stride + col, target, targetOffset, count);
    }

    /** Copies {@code count} floats from storage index {@code index}, already checked, into {@code target}. */
    void copy(int index, float[] target, int targetOffset, int count) {
        data.get(index, target, targetOffset, count);
    }

    /** Overwrites {@code count} elements of row {@code row}, from column {@code col}. */
    public void writeRow(int row, int col, float[] source, int sourceOffset, int count) {
        data.put(offset + row * stride + col, source, sourceOffset, count);
    }

    /**
     * target ← values + scale · shift, widened to double: a float product moved back to its double center. Two loops,
     * each over one element type, which the JIT vectorizes (one loop mixing floats and doubles it did not).
     */
    static void widenShifted(float[] values, double scale, double[] shift, double[] target) {
        widen(values, target);
        Matrix.addScaled(target, scale, shift);
    }

    /** target ← values in double, the one widening loop that the fit's float rows share. */
    static void widen(float[] values, double[] target) {
        for (int c = 0; c < values.length; c++) {
            target[c] = values[c];
        }
    }

    /**
     * Σ_k (reference[k] − values[from + k])² over reference's length, each difference and square in double. One running
     * sum: C2 compiled this loop to four times the speed of the same loop on four interleaved sums (measured).
     */
    static double squaredDistance(float[] reference, float[] values, int from) {
        double sum = 0;
        for (int k = 0; k < reference.length; k++) {
            double difference = (double) reference[k] - values[from + k];
            sum += difference * difference;
        }
        return sum;
    }

    /** Rounds {@code values} into {@code rounded} and returns their sum in double, in one pass. */
    static double roundWithSum(double[] values, float[] rounded) {
        double sum = 0;
        for (int k = 0; k < values.length; k++) {
            sum += values[k];
            rounded[k] = (float) values[k];
        }
        return sum;
    }

    /** Writes this matrix, widened to double, into {@code target} of the same shape. */
    void widenInto(Matrix target) {
        double[] row = new double[cols];
        float[] values = new float[cols];
        for (int i = 0; i < rows; i++) {
            readRow(i, 0, values, 0, cols);
            widen(values, row);
            target.write(i * cols, row, 0, cols);
        }
    }

    @Override
    public void close() {
    }
}
