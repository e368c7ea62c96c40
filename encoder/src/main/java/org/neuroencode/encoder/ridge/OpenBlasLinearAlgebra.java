package org.neuroencode.encoder.ridge;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpstrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dsyevd;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.presets.openblas_nolapack;

/**
 * OpenBLAS through bytedeco. Matrices live off-heap in {@link DoublePointer}s, because handing plain
 * {@code double[]} to the native calls copies every operand on every call (measured 4× slower).
 */
public final class OpenBlasLinearAlgebra implements LinearAlgebra {

    /** Whether the bundled native library loads on this machine. */
    public static boolean isAvailable() {
        return NativeLibrary.LOADED;
    }

    @Override
    public Matrix allocate(int rows, int cols) {
        long size = Math.multiplyExact((long) rows, cols);
        if (size == 0) {
            return new Matrix(rows, cols, DoubleBuffer.allocate(0));
        }
        DoublePointer pointer = new DoublePointer(size).zero();
        return new NativeMatrix(rows, cols, pointer);
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        int k = Matrix.gemmInnerDimension(transposeA, transposeB, a, b, c);
        if (c.rows() == 0 || c.cols() == 0) {
            return;
        }
        if (k == 0) {
            PlainJavaLinearAlgebra.scale(c, beta);
            return;
        }
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                c.rows(), c.cols(), k, alpha, pointer(a), a.cols(), pointer(b), b.cols(), beta, pointer(c), c.cols());
    }

    @Override
    public SymmetricEigen symmetricEigen(Matrix symmetric) {
        int n = symmetric.rows();
        if (symmetric.cols() != n) {
            throw new IllegalArgumentException("eigendecomposition of a non-square " + n + "x" + symmetric.cols() + " matrix");
        }
        Matrix vectors = allocate(n, n);
        if (n == 0) {
            return new SymmetricEigen(new double[0], vectors);
        }
        vectors.copyFrom(symmetric.toArray());
        try (DoublePointer values = new DoublePointer((long) n)) {
            int info = LAPACKE_dsyevd(LAPACK_ROW_MAJOR, (byte) 'V', (byte) 'U', n, pointer(vectors), n, values);
            if (info != 0) {
                vectors.close();
                throw new ArithmeticException("LAPACKE_dsyevd failed with info=" + info + " for a " + n + "x" + n + " matrix");
            }
            double[] eigenvalues = new double[n];
            values.get(eigenvalues);
            return new SymmetricEigen(eigenvalues, vectors);
        }
    }

    /** LAPACK's dpstrf on a copy (row-major, upper): Pᵀ A P = UᵀU, so A = FᵀF with F[i, piv[k]] = U[i, k]. */
    @Override
    public Matrix pivotedCholesky(Matrix symmetric) {
        int n = symmetric.rows();
        if (symmetric.cols() != n) {
            throw new IllegalArgumentException("Cholesky factorization of a non-square " + n + "x" + symmetric.cols() + " matrix");
        }
        if (n == 0) {
            return allocate(0, 0);
        }
        double[] upper = new double[n * n];
        int rank;
        int[] pivots = new int[n];
        try (Matrix work = copyOf(symmetric.toArray(), n, n); IntPointer piv = new IntPointer((long) n); IntPointer rankOut = new IntPointer(1L)) {
            int info = LAPACKE_dpstrf(LAPACK_ROW_MAJOR, (byte) 'U', n, pointer(work), n, piv, rankOut, -1);
            if (info < 0) {
                throw new ArithmeticException("LAPACKE_dpstrf failed with info=" + info + " for a " + n + "x" + n + " matrix");
            }
            rank = rankOut.get();
            piv.get(pivots);
            work.read(0, upper, 0, n * n);
        }
        double[] factor = new double[rank * n];
        for (int i = 0; i < rank; i++) {
            for (int k = i; k < n; k++) {
                factor[i * n + pivots[k] - 1] = upper[i * n + k];
            }
        }
        return copyOf(factor, rank, n);
    }

    /**
     * OpenBLAS's own threads spin while they wait for each other; on a busy machine a level-2-bound routine such as
     * the eigendecomposition was measured 10× slower with two threads than with one. Callers that parallelise over
     * independent calls run each call on one thread instead.
     */
    @Override
    public SingleThreaded singleThreaded() {
        synchronized (OpenBlasLinearAlgebra.class) {
            int before = openblas_nolapack.blas_get_num_threads();
            openblas_nolapack.blas_set_num_threads(1);
            return () -> {
                synchronized (OpenBlasLinearAlgebra.class) {
                    openblas_nolapack.blas_set_num_threads(before);
                }
            };
        }
    }

    @Override
    public String name() {
        return "openblas";
    }

    private static DoublePointer pointer(Matrix matrix) {
        if (matrix instanceof NativeMatrix nativeMatrix) {
            return nativeMatrix.pointer;
        }
        throw new IllegalArgumentException("matrix was not allocated by the OpenBLAS backend");
    }

    /** Loads the native library once, on first use; the holder idiom keeps the failure non-fatal. */
    private static final class NativeLibrary {

        static final boolean LOADED = load();

        private static boolean load() {
            try {
                return Loader.load(openblas.class) != null;
            } catch (LinkageError | RuntimeException e) {
                return false;
            }
        }
    }

    private static final class NativeMatrix extends Matrix {

        private final DoublePointer pointer;

        NativeMatrix(int rows, int cols, DoublePointer pointer) {
            super(rows, cols, pointer.asBuffer());
            this.pointer = pointer;
        }

        @Override
        public void close() {
            pointer.close();
        }
    }
}
