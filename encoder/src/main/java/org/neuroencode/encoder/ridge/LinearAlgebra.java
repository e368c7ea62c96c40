package org.neuroencode.encoder.ridge;

/**
 * The dense kernels the ridge solver is built on. Matrices passed to a backend must have been allocated by
 * that same backend.
 */
public interface LinearAlgebra {

    /** A zero-filled row-major matrix in this backend's storage. */
    Matrix allocate(int rows, int cols);

    /** C ← alpha·op(A)·op(B) + beta·C, where op transposes when asked. */
    void gemm(boolean transposeA, boolean transposeB, double alpha, Matrix a, Matrix b, double beta, Matrix c);

    /** Eigendecomposition of a symmetric matrix; only its upper triangle is read and it is left unchanged. */
    SymmetricEigen symmetricEigen(Matrix symmetric);

    String name();

    /** OpenBLAS when its native library loads on this machine, else the plain-Java backend. */
    static LinearAlgebra preferred() {
        return OpenBlasLinearAlgebra.isAvailable() ? new OpenBlasLinearAlgebra() : new PlainJavaLinearAlgebra();
    }

    /** Allocates a copy of the row-major {@code values}. */
    default Matrix copyOf(double[] values, int rows, int cols) {
        Matrix matrix = allocate(rows, cols);
        matrix.copyFrom(values);
        return matrix;
    }

    /** Checks the shapes of a {@link #gemm} call and returns its inner dimension. */
    static int checkGemmShapes(boolean transposeA, boolean transposeB, Matrix a, Matrix b, Matrix c) {
        int m = transposeA ? a.cols() : a.rows();
        int k = transposeA ? a.rows() : a.cols();
        int kb = transposeB ? b.cols() : b.rows();
        int n = transposeB ? b.rows() : b.cols();
        if (k != kb || m != c.rows() || n != c.cols()) {
            throw new IllegalArgumentException("gemm shapes do not match: op(A) " + m + "x" + k + ", op(B) " + kb + "x" + n
                    + ", C " + c.rows() + "x" + c.cols());
        }
        return k;
    }
}
