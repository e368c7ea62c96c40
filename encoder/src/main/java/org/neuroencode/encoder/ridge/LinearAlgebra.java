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

    /**
     * A rank-revealing factor of a symmetric positive semi-definite matrix A (p×p): F, r×p, with A ≈ FᵀF, from a
     * Cholesky factorization with complete pivoting stopped when the largest remaining diagonal is at or below
     * {@code p · ε · max diag A} (LAPACK's dpstrf default). r is the numerical rank; a zero matrix gives r = 0.
     * Only the upper triangle of A is read, and A is left unchanged.
     *
     * <p>The default is plain Java, O(p·r²); backends may override it with LAPACK.
     */
    default Matrix pivotedCholesky(Matrix symmetric) {
        return allocateFrom(PivotedCholesky.factor(symmetric));
    }

    /**
     * Until closed, makes each call run on its calling thread only, for callers that run several calls in parallel
     * themselves. A no-op for backends without threads of their own. Library-wide: use it where no other code of the
     * process calls the backend meanwhile.
     */
    default SingleThreaded singleThreaded() {
        return () -> { };
    }

    /** The scope of {@link #singleThreaded()}; closing it restores the backend's threading. */
    interface SingleThreaded extends AutoCloseable {
        @Override
        void close();
    }

    /** OpenBLAS when its native library loads on this machine, else the plain-Java backend. */
    static LinearAlgebra preferred() {
        return OpenBlasLinearAlgebra.isAvailable() ? new OpenBlasLinearAlgebra() : new PlainJavaLinearAlgebra();
    }

    /** Allocates a backend copy of a heap matrix. */
    private Matrix allocateFrom(Matrix heap) {
        return copyOf(heap.toArray(), heap.rows(), heap.cols());
    }

    /** Allocates a copy of the row-major {@code values}. */
    default Matrix copyOf(double[] values, int rows, int cols) {
        Matrix matrix = allocate(rows, cols);
        matrix.copyFrom(values);
        return matrix;
    }
}
