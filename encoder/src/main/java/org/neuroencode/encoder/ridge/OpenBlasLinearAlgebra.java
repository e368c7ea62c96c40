package org.neuroencode.encoder.ridge;

import static org.bytedeco.openblas.global.openblas.CblasLower;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasNonUnit;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.CblasUpper;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dlacpy_work;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dlag2s_work;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotrf_work;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotri;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotri_work;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotrs;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpstrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dsyevd;
import static org.bytedeco.openblas.global.openblas.LAPACKE_sge_trans;
import static org.bytedeco.openblas.global.openblas.LAPACKE_slag2d_work;
import static org.bytedeco.openblas.global.openblas.LAPACK_COL_MAJOR;
import static org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas.cblas_dgemv;
import static org.bytedeco.openblas.global.openblas.cblas_dnrm2;
import static org.bytedeco.openblas.global.openblas.cblas_dsyrk;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas.cblas_sger;
import static org.bytedeco.openblas.global.openblas.cblas_stbmv;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
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
    public Matrix allocateScratch(int rows, int cols) {
        long size = Math.multiplyExact((long) rows, cols);
        if (size == 0) {
            return new Matrix(rows, cols, DoubleBuffer.allocate(0));
        }
        return new NativeMatrix(rows, cols, new DoublePointer(size));
    }

    @Override
    public void lowerProduct(Matrix a, Matrix c) {
        if (a.rows() == 0 || a.cols() == 0 || c.rows() != a.rows() || c.cols() != a.rows()) {
            // the default checks the shapes and writes the zeros of an empty inner dimension itself
            LinearAlgebra.super.lowerProduct(a, c);
            return;
        }
        cblas_dsyrk(CblasRowMajor, CblasLower, CblasNoTrans, a.rows(), a.cols(), 1, pointer(a), a.cols(), 0, pointer(c), c.cols());
    }

    /**
     * dpotrf and dpotri called column-major on the upper triangle, which is the row-major lower one: no transposed
     * copies. The {@code _work} entry points, because LAPACKE's others first scan the matrix for NaN (the kernel's
     * entries are finite by construction, and an infinite or NaN one fails the factorization anyway).
     */
    @Override
    public boolean invertLower(Matrix symmetric) {
        int n = symmetric.squareSize("inversion");
        if (n == 0) {
            return true;
        }
        int info = LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, (byte) 'U', n, pointer(symmetric), n);
        if (info < 0) {
            throw new ArithmeticException("LAPACKE_dpotrf failed with info=" + info + " for a " + n + "x" + n + " matrix");
        }
        if (info > 0) {
            return false;
        }
        info = LAPACKE_dpotri_work(LAPACK_COL_MAJOR, (byte) 'U', n, pointer(symmetric), n);
        if (info != 0) {
            throw new ArithmeticException("LAPACKE_dpotri failed with info=" + info + " for a " + n + "x" + n + " factor");
        }
        return true;
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
    public SingleMatrix allocateSingle(int rows, int cols) {
        long size = Math.multiplyExact((long) rows, cols);
        if (size == 0) {
            return new SingleMatrix(rows, cols, FloatBuffer.allocate(0));
        }
        return new NativeSingleMatrix(rows, cols, new FloatPointer(size).zero());
    }

    @Override
    public SingleMatrix allocateSingleScratch(int rows, int cols) {
        long size = Math.multiplyExact((long) rows, cols);
        if (size == 0) {
            return new SingleMatrix(rows, cols, FloatBuffer.allocate(0));
        }
        return new NativeSingleMatrix(rows, cols, new FloatPointer(size));
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, SingleMatrix a, SingleMatrix b, float beta, SingleMatrix c) {
        int k = Matrix.gemmInnerDimension(transposeA, transposeB, a.rows(), a.cols(), b.rows(), b.cols(), c.rows(), c.cols());
        if (c.rows() == 0 || c.cols() == 0) {
            return;
        }
        if (k == 0) {
            // no product: C ← beta·C (BLAS is not called with an empty inner dimension)
            float[] row = new float[c.cols()];
            for (int i = 0; beta != 1 && i < c.rows(); i++) {
                c.readRow(i, 0, row, 0, row.length);
                for (int j = 0; j < row.length; j++) {
                    row[j] = beta == 0 ? 0 : beta * row[j];
                }
                c.writeRow(i, 0, row, 0, row.length);
            }
            return;
        }
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                c.rows(), c.cols(), k, 1f, pointer(a), a.stride(), pointer(b), b.stride(), beta, pointer(c), c.stride());
    }

    /** BLAS's dnrm2 over the whole storage: in a fresh process the default's loop ran interpreted, on the path to the hats. */
    @Override
    public double frobeniusNorm(Matrix matrix) {
        long size = (long) matrix.rows() * matrix.cols();
        return size == 0 ? 0 : cblas_dnrm2(Math.toIntExact(size), pointer(matrix), 1);
    }

    /** LAPACKE's layout conversion, which is a transposed copy. */
    @Override
    public void transposeInto(SingleMatrix source, SingleMatrix target) {
        SingleMatrix.checkTransposed(source, target);
        if (source.rows() == 0 || source.cols() == 0) {
            return;
        }
        LAPACKE_sge_trans(LAPACK_ROW_MAJOR, source.rows(), source.cols(), pointer(source), source.stride(), pointer(target), target.stride());
    }

    @Override
    public void rankOneUpdate(float alpha, float[] x, float[] y, SingleMatrix a) {
        SingleMatrix.checkRankOne(x, y, a);
        if (a.rows() == 0 || a.cols() == 0) {
            return;
        }
        try (FloatPointer left = new FloatPointer(x); FloatPointer right = new FloatPointer(y)) {
            cblas_sger(CblasRowMajor, a.rows(), a.cols(), alpha, left, 1, right, 1, pointer(a), a.stride());
        }
    }

    /** One in-place product with a diagonal (a band of width 0, stbmv) per row. */
    @Override
    public void scaleRows(SingleMatrix target, float[][] factors, int[] choice, int offset) {
        int rows = target.rows();
        int cols = target.cols();
        if (rows == 0 || cols == 0) {
            return;
        }
        float[] table = new float[factors.length * cols];
        for (int a = 0; a < factors.length; a++) {
            if (factors[a].length != cols) {
                throw new IllegalArgumentException(factors[a].length + " factors for rows of " + cols);
            }
            System.arraycopy(factors[a], 0, table, a * cols, cols);
        }
        for (int r = 0; r < rows; r++) {
            // the table is read natively: an index past it must not reach it
            java.util.Objects.checkIndex(choice[offset + r], factors.length);
        }
        FloatPointer base = pointer(target);
        long start = base.position();
        try (FloatPointer diagonals = new FloatPointer(table)) {
            FloatPointer diagonal = new FloatPointer(diagonals);
            FloatPointer row = new FloatPointer(base);
            for (int r = 0; r < rows; r++) {
                diagonal.position((long) choice[offset + r] * cols);
                row.position(start + (long) r * target.stride());
                cblas_stbmv(CblasRowMajor, CblasUpper, CblasNoTrans, CblasNonUnit, cols, 0, diagonal, 1, row, 1);
            }
        }
    }

    /** LAPACK's slag2d (column-major on the transposed view, as {@link #copyBlock}) into native storage, then one copy per row. */
    @Override
    public void widenInto(SingleMatrix source, double[] target, int offset, int stride) {
        int rows = source.rows();
        int cols = source.cols();
        if (rows == 0 || cols == 0) {
            return;
        }
        try (DoublePointer widened = new DoublePointer((long) rows * cols)) {
            LAPACKE_slag2d_work(LAPACK_COL_MAJOR, cols, rows, pointer(source), source.stride(), widened, cols);
            for (int i = 0; i < rows; i++) {
                widened.position((long) i * cols).get(target, offset + i * stride, cols);
            }
        }
    }


    /** LAPACK's dlacpy, column-major on the transposed views (it copies element by element, so nothing is transposed). */
    @Override
    public void copyBlock(Matrix source, int row, int col, Matrix target) {
        source.checkBlock(row, target.rows(), col, target.cols());
        if (target.rows() == 0 || target.cols() == 0) {
            return;
        }
        DoublePointer base = pointer(source);
        DoublePointer corner = new DoublePointer(base).position(base.position() + (long) row * source.cols() + col);
        LAPACKE_dlacpy_work(LAPACK_COL_MAJOR, (byte) 'A', target.cols(), target.rows(), corner, source.cols(), pointer(target), target.cols());
    }

    /**
     * LAPACK's dlag2s for the rounding (called column-major on the transposed view, since it works element by element,
     * so LAPACKE does not transpose a copy) and a dgemv with ones for the row sums: no Java loop over the elements,
     * which in a fresh process ran interpreted and then competed with the workers for the JIT. Where dlag2s finds a
     * value beyond the float range, the default rounds (to infinity, as a Java cast does).
     */
    @Override
    public void roundInto(Matrix source, int fromCol, int cols, SingleMatrix target, int targetRow, int targetCol, double[] rowSums,
            int rowOffset) {
        int rows = source.rows();
        if (rows == 0 || cols == 0) {
            return;
        }
        if (fromCol < 0 || cols < 0 || fromCol + cols > source.cols() || targetRow < 0 || targetCol < 0 || targetRow + rows > target.rows()
                || targetCol + cols > target.cols() || rowOffset < 0 || rowOffset + rows > rowSums.length) {
            throw new IllegalArgumentException("columns " + fromCol + "+" + cols + " of a " + rows + "x" + source.cols() + " matrix into row "
                    + targetRow + ", column " + targetCol + " of a " + target.rows() + "x" + target.cols() + " one");
        }
        DoublePointer base = pointer(source);
        DoublePointer columns = new DoublePointer(base).position(base.position() + fromCol);
        SingleMatrix region = target.view(targetRow, rows, targetCol, cols);
        // the _work entry point skips LAPACKE's NaN scan of the source (a NaN rounds to a NaN either way); an entry beyond
        // float's range still reports info > 0
        int info = LAPACKE_dlag2s_work(LAPACK_COL_MAJOR, cols, rows, columns, source.cols(), pointer(region), region.stride());
        if (info != 0) {
            LinearAlgebra.super.roundInto(source, fromCol, cols, target, targetRow, targetCol, rowSums, rowOffset);
            return;
        }
        double[] sums = new double[rows];
        double[] unit = new double[cols];
        java.util.Arrays.fill(unit, 1);
        try (DoublePointer ones = new DoublePointer(unit); DoublePointer result = new DoublePointer((long) rows)) {
            cblas_dgemv(CblasRowMajor, CblasNoTrans, rows, cols, 1, columns, source.cols(), ones, 1, 0, result, 1);
            result.get(sums);
        }
        for (int i = 0; i < rows; i++) {
            rowSums[rowOffset + i] += sums[i];
        }
    }

    @Override
    public SymmetricEigen symmetricEigen(Matrix symmetric) {
        int n = symmetric.squareSize("eigendecomposition");
        Matrix vectors = allocateScratch(n, n);
        if (n == 0) {
            return new SymmetricEigen(new double[0], vectors);
        }
        copyInto(symmetric, vectors);
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

    /** LAPACK's dpotrf on a copy (row-major, upper); null when it reports a non-positive leading minor. */
    @Override
    public Matrix cholesky(Matrix symmetric) {
        int n = symmetric.squareSize("Cholesky factorization");
        Matrix factor = duplicate(symmetric);
        if (n == 0) {
            return factor;
        }
        int info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, (byte) 'U', n, pointer(factor), n);
        if (info < 0) {
            factor.close();
            throw new ArithmeticException("LAPACKE_dpotrf failed with info=" + info + " for a " + n + "x" + n + " matrix");
        }
        if (info > 0) {
            factor.close();
            return null;
        }
        // dpotrf leaves the strict lower triangle as it was; the factor is upper triangular
        double[] row = new double[n];
        for (int i = 1; i < n; i++) {
            factor.read(i * n, row, 0, n);
            java.util.Arrays.fill(row, 0, i, 0);
            factor.write(i * n, row, 0, n);
        }
        return factor;
    }

    @Override
    public void choleskySolve(Matrix factor, Matrix rhs) {
        int n = factor.rows();
        if (factor.cols() != n || rhs.rows() != n) {
            throw new IllegalArgumentException("a " + n + "x" + factor.cols() + " factor cannot solve " + rhs.rows() + "x" + rhs.cols());
        }
        if (n == 0 || rhs.cols() == 0) {
            return;
        }
        int info = LAPACKE_dpotrs(LAPACK_ROW_MAJOR, (byte) 'U', n, rhs.cols(), pointer(factor), n, pointer(rhs), rhs.cols());
        if (info != 0) {
            throw new ArithmeticException("LAPACKE_dpotrs failed with info=" + info + " for a " + n + "x" + n + " factor");
        }
    }

    /** LAPACK's dpotri (upper), mirrored into the lower triangle. */
    @Override
    public Matrix choleskyInverse(Matrix factor) {
        int n = factor.rows();
        if (factor.cols() != n) {
            throw new IllegalArgumentException("a " + n + "x" + factor.cols() + " matrix is not a Cholesky factor");
        }
        Matrix inverse = duplicate(factor);
        if (n == 0) {
            return inverse;
        }
        int info = LAPACKE_dpotri(LAPACK_ROW_MAJOR, (byte) 'U', n, pointer(inverse), n);
        if (info != 0) {
            inverse.close();
            throw new ArithmeticException("LAPACKE_dpotri failed with info=" + info + " for a " + n + "x" + n + " factor");
        }
        double[] values = inverse.toArray();
        Matrix.symmetrize(values, n, false);
        inverse.copyFrom(values);
        return inverse;
    }

    /** LAPACK's dpstrf on a copy (row-major, upper): Pᵀ A P = UᵀU, so A = FᵀF with F[i, piv[k]] = U[i, k]. */
    @Override
    public Matrix pivotedCholesky(Matrix symmetric) {
        int n = symmetric.squareSize("Cholesky factorization");
        if (n == 0) {
            return allocate(0, 0);
        }
        double[] upper = new double[n * n];
        int rank;
        int[] pivots = new int[n];
        try (Matrix work = duplicate(symmetric); IntPointer piv = new IntPointer((long) n); IntPointer rankOut = new IntPointer(1L)) {
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

    /** A copy in this backend's storage, copied natively when the source is off-heap (no round trip through the heap). */
    private Matrix duplicate(Matrix source) {
        Matrix copy = allocateScratch(source.rows(), source.cols());
        copyInto(source, copy);
        return copy;
    }

    private static void copyInto(Matrix source, Matrix target) {
        long size = (long) source.rows() * source.cols();
        if (size == 0) {
            return;
        }
        if (source instanceof NativeMatrix) {
            org.bytedeco.javacpp.Pointer.memcpy(pointer(target), pointer(source), size * Double.BYTES);
        } else {
            target.copyFrom(source.toArray());
        }
    }

    private static DoublePointer pointer(Matrix matrix) {
        if (matrix instanceof NativeMatrix nativeMatrix) {
            return nativeMatrix.pointer;
        }
        throw new IllegalArgumentException("matrix was not allocated by the OpenBLAS backend");
    }

    private static FloatPointer pointer(SingleMatrix matrix) {
        if (matrix instanceof NativeSingleMatrix nativeMatrix) {
            return matrix.offset() == 0 ? nativeMatrix.pointer : new FloatPointer(nativeMatrix.pointer).position(nativeMatrix.pointer.position() + matrix.offset());
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

    private static final class NativeSingleMatrix extends SingleMatrix {

        private final FloatPointer pointer;

        NativeSingleMatrix(int rows, int cols, FloatPointer pointer) {
            super(rows, cols, pointer.asBuffer());
            this.pointer = pointer;
        }

        private NativeSingleMatrix(SingleMatrix view, FloatPointer pointer) {
            super(view);
            this.pointer = pointer;
        }

        @Override
        SingleMatrix wrapView(int rowCount, int colCount, int start) {
            return new NativeSingleMatrix(super.wrapView(rowCount, colCount, start), pointer);
        }

        /**
         * One native copy, not java.nio's bulk get: that get's checks and scoped-memory calls, inlined into every loop that
         * reads rows, made the validation's row loop compile at twice the size (C2 time on its two compilations in a
         * fresh W1 fit: 0.13 s with them, 0.07 s without). A pointer per call, as views on several threads share one.
         */
        @Override
        void copy(int index, float[] target, int targetOffset, int count) {
            new FloatPointer(pointer).position(pointer.position() + index).get(target, targetOffset, count);
        }

        /** Closing a view leaves the storage to the matrix it views. */
        @Override
        public void close() {
            if (!isView()) {
                pointer.close();
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
