package org.neuroencode.encoder.ridge;

import java.nio.DoubleBuffer;

/**
 * A dense row-major matrix of doubles whose storage belongs to a {@link LinearAlgebra} backend: on the
 * Java heap for the plain backend, off-heap for native backends so that BLAS reads it without copying.
 *
 * <p>Close it when done; for off-heap storage that frees the memory, after which it must not be used.
 */
public class Matrix implements AutoCloseable {

    private final int rows;
    private final int cols;
    private final DoubleBuffer data;

    Matrix(int rows, int cols, DoubleBuffer data) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative matrix shape " + rows + "x" + cols);
        }
        if (data.capacity() != (long) rows * cols) {
            throw new IllegalArgumentException("storage of " + data.capacity() + " doubles for a " + rows + "x" + cols + " matrix");
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** A zero-filled matrix on the Java heap. */
    public static Matrix onHeap(int rows, int cols) {
        return new Matrix(rows, cols, DoubleBuffer.wrap(new double[Math.multiplyExact(rows, cols)]));
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public double get(int row, int col) {
        return data.get(row * cols + col);
    }

    public void set(int row, int col, double value) {
        data.put(row * cols + col, value);
    }

    /** Copies {@code count} elements starting at flat index {@code index} into {@code target}. */
    public void read(int index, double[] target, int offset, int count) {
        data.get(index, target, offset, count);
    }

    /** Copies {@code count} elements of {@code source} into flat positions starting at {@code index}. */
    public void write(int index, double[] source, int offset, int count) {
        data.put(index, source, offset, count);
    }

    /** Overwrites this matrix with columns {@code fromCol..fromCol+cols()-1} of a row-major source with {@code sourceCols} columns. */
    public void copyColumnsFrom(double[] source, int sourceCols, int fromCol) {
        if (fromCol < 0 || fromCol + cols > sourceCols || (long) rows * sourceCols != source.length) {
            throw new IllegalArgumentException("columns " + fromCol + ".." + (fromCol + cols) + " of a " + rows + "x" + sourceCols + " source");
        }
        for (int i = 0; i < rows; i++) {
            write(i * cols, source, i * sourceCols + fromCol, cols);
        }
    }

    /** Overwrites this matrix with the row-major {@code values}. */
    public void copyFrom(double[] values) {
        if (values.length != data.capacity()) {
            throw new IllegalArgumentException(values.length + " values for a " + rows + "x" + cols + " matrix");
        }
        write(0, values, 0, values.length);
    }

    /** Multiplies row i by factors[i]. */
    void scaleRows(double[] factors) {
        double[] row = new double[cols];
        for (int i = 0; i < rows; i++) {
            read(i * cols, row, 0, cols);
            scale(row, factors[i]);
            write(i * cols, row, 0, cols);
        }
    }

    /** Overwrites this matrix with {@code source} (same shape), column j multiplied by factors[j]. */
    void copyScaledColumns(Matrix source, double[] factors) {
        if (source.rows != rows || source.cols != cols) {
            throw new IllegalArgumentException("a " + source.rows + "x" + source.cols + " source for a " + rows + "x" + cols + " matrix");
        }
        double[] row = new double[cols];
        for (int i = 0; i < rows; i++) {
            source.read(i * cols, row, 0, cols);
            multiply(row, factors);
            write(i * cols, row, 0, cols);
        }
    }

    /** Adds {@code value} to every diagonal element of this square matrix. */
    void addToDiagonal(double value) {
        for (int i = 0; i < Math.min(rows, cols); i++) {
            set(i, i, get(i, i) + value);
        }
    }

    /** Refuses rows [row, row + rowCount) and columns [col, col + colCount) unless they lie inside this matrix. */
    void checkBlock(int row, int rowCount, int col, int colCount) {
        if (row < 0 || rowCount < 0 || row + rowCount > rows || col < 0 || colCount < 0 || col + colCount > cols) {
            throw new IllegalArgumentException("rows " + row + "+" + rowCount + ", columns " + col + "+" + colCount + " of a " + rows + "x"
                    + cols + " matrix");
        }
    }

    /**
     * Makes the row-major n×n {@code values} symmetric, copying its strict lower triangle onto the upper one
     * ({@code fromLower}) or the upper onto the lower.
     */
    static void symmetrize(double[] values, int n, boolean fromLower) {
        for (int i = 1; i < n; i++) {
            mirrorRow(values, n, i, fromLower);
        }
    }

    private static void mirrorRow(double[] values, int n, int i, boolean fromLower) {
        for (int j = 0; j < i; j++) {
            if (fromLower) {
                values[j * n + i] = values[i * n + j];
            } else {
                values[i * n + j] = values[j * n + i];
            }
        }
    }

    // the element loops are small methods of their own: a fresh fit command compiles them once, where loops inside the
    // row loops had the JIT compile the whole method again on stack replacement (tens of milliseconds each, beside the
    // workers on two processors)

    /** row ← row · factor. */
    static void scale(double[] row, double factor) {
        for (int j = 0; j < row.length; j++) {
            row[j] *= factor;
        }
    }

    /**
     * target ← target + scale · values, element by element: the one loop that every such update of the fit shares (the
     * prediction moments, the refit's and the projections' shifts, the projected offset), so that a fresh process
     * compiles it once rather than once per copy.
     */
    static void addScaled(double[] target, double scale, double[] values) {
        for (int j = 0; j < target.length; j++) {
            target[j] += scale * values[j];
        }
    }

    /** row ← row ∘ factors, element by element over the row. */
    static void multiply(double[] row, double[] factors) {
        for (int j = 0; j < row.length; j++) {
            row[j] *= factors[j];
        }
    }

    /** A row-major copy on the heap. */
    public double[] toArray() {
        double[] values = new double[data.capacity()];
        read(0, values, 0, values.length);
        return values;
    }

    /** The backing array when on the heap, else null; lets the plain backend avoid copies. */
    double[] heapArrayOrNull() {
        return data.hasArray() && data.arrayOffset() == 0 ? data.array() : null;
    }

    @Override
    public void close() {
    }

    /** The size of this square matrix; otherwise an IllegalArgumentException saying which operation refused it. */
    int squareSize(String operation) {
        if (cols != rows) {
            throw new IllegalArgumentException(operation + " of a non-square " + rows + "x" + cols + " matrix");
        }
        return rows;
    }

    /** Checks the shapes of a {@link LinearAlgebra#gemm} call and returns its inner dimension. */
    static int gemmInnerDimension(boolean transposeA, boolean transposeB, Matrix a, Matrix b, Matrix c) {
        return gemmInnerDimension(transposeA, transposeB, a.rows(), a.cols(), b.rows(), b.cols(), c.rows(), c.cols());
    }

    /** The same check on shapes: A aRows×aCols, B bRows×bCols, C cRows×cCols. */
    static int gemmInnerDimension(boolean transposeA, boolean transposeB, int aRows, int aCols, int bRows, int bCols, int cRows, int cCols) {
        int m = transposeA ? aCols : aRows;
        int k = transposeA ? aRows : aCols;
        int kb = transposeB ? bCols : bRows;
        int n = transposeB ? bRows : bCols;
        if (k != kb || m != cRows || n != cCols) {
            throw new IllegalArgumentException("gemm shapes do not match: op(A) " + m + "x" + k + ", op(B) " + kb + "x" + n
                    + ", C " + cRows + "x" + cCols);
        }
        return k;
    }
}
