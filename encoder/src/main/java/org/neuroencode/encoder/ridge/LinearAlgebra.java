package org.neuroencode.encoder.ridge;

/**
 * The dense kernels the ridge solver is built on. Matrices passed to a backend must have been allocated by
 * that same backend.
 */
public interface LinearAlgebra {

    /** A zero-filled row-major matrix in this backend's storage. */
    Matrix allocate(int rows, int cols);

    /**
     * A row-major matrix whose contents are unspecified, for storage written in full before it is read: it skips
     * zeroing. The default zeroes it anyway.
     */
    default Matrix allocateScratch(int rows, int cols) {
        return allocate(rows, cols);
    }

    /** C ← alpha·op(A)·op(B) + beta·C, where op transposes when asked. */
    void gemm(boolean transposeA, boolean transposeB, double alpha, Matrix a, Matrix b, double beta, Matrix c);

    /**
     * The lower triangle, diagonal included, of C ← A·Aᵀ (A n×k, C n×n): half a product's work for a symmetric
     * result. The entries above the diagonal are left as they were.
     */
    default void lowerProduct(Matrix a, Matrix c) {
        int n = a.rows();
        int k = a.cols();
        if (c.rows() != n || c.cols() != n) {
            throw new IllegalArgumentException("a " + n + "x" + k + " matrix times its transpose into a " + c.rows() + "x" + c.cols() + " one");
        }
        double[] values = a.toArray();
        double[] row = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = 0;
                for (int l = 0; l < k; l++) {
                    sum += values[i * k + l] * values[j * k + l];
                }
                row[j] = sum;
            }
            c.write(i * n, row, 0, i + 1);
        }
    }

    /** A zero-filled row-major float matrix in this backend's storage. */
    default SingleMatrix allocateSingle(int rows, int cols) {
        return SingleMatrix.onHeap(rows, cols);
    }

    /**
     * A float matrix whose contents are unspecified, for storage written in full before it is read (the output of
     * a product with beta 0, a rounded copy): it skips zeroing. The default zeroes it anyway.
     */
    default SingleMatrix allocateSingleScratch(int rows, int cols) {
        return allocateSingle(rows, cols);
    }

    /**
     * Overwrites the lower triangle, diagonal included, of a symmetric positive definite matrix (read from that
     * triangle only) with its inverse's, by a Cholesky factorization; false, the matrix then unspecified, when it is not
     * positive definite. The entries above the diagonal are left as they were by the OpenBLAS backend; this default
     * (plain Java) fills them with the inverse's too.
     */
    default boolean invertLower(Matrix symmetric) {
        int n = symmetric.squareSize("inversion");
        double[] values = symmetric.toArray();
        Matrix.symmetrize(values, n, true);
        try (Matrix full = copyOf(values, n, n); Matrix factor = cholesky(full)) {
            if (factor == null) {
                return false;
            }
            try (Matrix inverse = choleskyInverse(factor)) {
                symmetric.copyFrom(inverse.toArray());
                return true;
            }
        }
    }

    /**
     * Adds scale·vector to every row of {@code target} (vector holds target.cols() values), as a product of inner
     * dimension 1: each element is one rounded addition, as in a loop, with no Java loop over the elements.
     */
    default void addToRows(double scale, double[] vector, Matrix target) {
        if (target.rows() == 0 || target.cols() == 0) {
            return;
        }
        double[] ones = new double[target.rows()];
        java.util.Arrays.fill(ones, 1);
        try (Matrix column = copyOf(ones, target.rows(), 1); Matrix row = copyOf(vector, 1, vector.length)) {
            gemm(false, false, scale, column, row, 1, target);
        }
    }

    /** A float copy of {@code source}, each element rounded, with each row's sum in double added to {@code rowSums}. */
    default SingleMatrix rounded(Matrix source, double[] rowSums) {
        SingleMatrix target = allocateSingleScratch(source.rows(), source.cols());
        try {
            roundInto(source, 0, source.cols(), target, 0, 0, rowSums, 0);
            return target;
        } catch (RuntimeException | Error e) {
            target.close();
            throw e;
        }
    }

    /**
     * Rounds columns [fromCol, fromCol + cols) of every row of {@code source} to the nearest float, into
     * {@code target} from row {@code targetRow} and column {@code targetCol}, and adds each row's sum over those columns
     * (in double, before rounding) to {@code rowSums[rowOffset + i]}.
     */
    default void roundInto(Matrix source, int fromCol, int cols, SingleMatrix target, int targetRow, int targetCol, double[] rowSums,
            int rowOffset) {
        double[] row = new double[cols];
        float[] rounded = new float[cols];
        for (int i = 0; i < source.rows(); i++) {
            source.read(i * source.cols() + fromCol, row, 0, cols);
            rowSums[rowOffset + i] += SingleMatrix.roundWithSum(row, rounded);
            target.writeRow(targetRow + i, targetCol, rounded, 0, cols);
        }
    }

    /**
     * C ← op(A)·op(B) + beta·C in single precision, for {@link RidgeSettings.Precision#MIXED}; the operands may be
     * views. BLAS backends accumulate in float; this default (plain Java) accumulates in double and rounds the result.
     */
    default void gemm(boolean transposeA, boolean transposeB, SingleMatrix a, SingleMatrix b, float beta, SingleMatrix c) {
        int k = Matrix.gemmInnerDimension(transposeA, transposeB, a.rows(), a.cols(), b.rows(), b.cols(), c.rows(), c.cols());
        int m = c.rows();
        int n = c.cols();
        float[] row = new float[n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int l = 0; l < k; l++) {
                    sum += (double) (transposeA ? a.get(l, i) : a.get(i, l)) * (transposeB ? b.get(j, l) : b.get(l, j));
                }
                row[j] = (float) (sum + (beta == 0 ? 0 : beta * c.get(i, j)));
            }
            c.writeRow(i, 0, row, 0, n);
        }
    }

    /** √Σ a_ij² over every element. */
    default double frobeniusNorm(Matrix matrix) {
        // row by row rather than through a heap copy of the whole matrix
        int cols = matrix.cols();
        double[] row = new double[cols];
        double sum = 0;
        for (int i = 0; i < matrix.rows(); i++) {
            matrix.read(i * cols, row, 0, cols);
            for (double value : row) {
                sum += value * value;
            }
        }
        return Math.sqrt(sum);
    }

    /** target ← sourceᵀ (source r×c, target c×r; either may be a view). */
    default void transposeInto(SingleMatrix source, SingleMatrix target) {
        SingleMatrix.checkTransposed(source, target);
        float[] row = new float[target.cols()];
        for (int i = 0; i < target.rows(); i++) {
            for (int j = 0; j < row.length; j++) {
                row[j] = source.get(j, i);
            }
            target.writeRow(i, 0, row, 0, row.length);
        }
    }

    /** A ← A + alpha·x yᵀ in single precision (x holds A.rows() values, y A.cols()). */
    default void rankOneUpdate(float alpha, float[] x, float[] y, SingleMatrix a) {
        SingleMatrix.checkRankOne(x, y, a);
        float[] row = new float[a.cols()];
        for (int i = 0; i < a.rows(); i++) {
            a.readRow(i, 0, row, 0, row.length);
            float scaled = alpha * x[i];
            for (int j = 0; j < row.length; j++) {
                row[j] += scaled * y[j];
            }
            a.writeRow(i, 0, row, 0, row.length);
        }
    }

    /**
     * For each row r of {@code source} and each of its consecutive segments s of {@code reference.cols()} columns (the
     * columns a whole number of them), Σ_k (reference(r, k) − source(r, s·length + k))², differenced and summed in
     * double, into {@code target[s · rows + r]}. One Java loop for every backend: OpenBLAS's dsdot (float elements, a
     * double result) sums in float on this machine's kernels, and widening the rows natively first (slag2d) and
     * summing by ddot cost more than this loop.
     */
    default void segmentDistances(SingleMatrix reference, SingleMatrix source, double[] target) {
        int length = reference.cols();
        int segments = SingleMatrix.checkSegments(reference, source, target);
        float[] referenceRow = new float[length];
        float[] row = new float[source.cols()];
        for (int r = 0; r < source.rows(); r++) {
            reference.readRow(r, 0, referenceRow, 0, length);
            source.readRow(r, 0, row, 0, row.length);
            for (int s = 0; s < segments; s++) {
                target[s * source.rows() + r] = SingleMatrix.squaredDistance(referenceRow, row, s * length);
            }
        }
    }

    /** Row r of {@code target} times {@code factors[choice[offset + r]]}, element by element (each holds target.cols() values). */
    default void scaleRows(SingleMatrix target, float[][] factors, int[] choice, int offset) {
        float[] row = new float[target.cols()];
        for (int r = 0; r < target.rows(); r++) {
            float[] scale = factors[choice[offset + r]];
            target.readRow(r, 0, row, 0, row.length);
            for (int k = 0; k < row.length; k++) {
                row[k] *= scale[k];
            }
            target.writeRow(r, 0, row, 0, row.length);
        }
    }

    /** {@code target[offset + i · stride + j]} ← source(i, j), widened to double. */
    default void widenInto(SingleMatrix source, double[] target, int offset, int stride) {
        float[] row = new float[source.cols()];
        double[] widened = new double[row.length];
        for (int i = 0; i < source.rows(); i++) {
            source.readRow(i, 0, row, 0, row.length);
            SingleMatrix.widen(row, widened);
            System.arraycopy(widened, 0, target, offset + i * stride, widened.length);
        }
    }

    /**
     * The upper Cholesky factor R of a symmetric positive-definite matrix A (A = RᵀR; only A's upper triangle is
     * read, and A is left unchanged), or null when the factorization breaks down because A is not numerically
     * positive definite. The default is plain Java; backends may override it with LAPACK.
     */
    default Matrix cholesky(Matrix symmetric) {
        int n = symmetric.squareSize("Cholesky factorization");
        double[] a = symmetric.toArray();
        double[] r = new double[n * n];
        for (int i = 0; i < n; i++) {
            double diagonal = a[i * n + i];
            for (int k = 0; k < i; k++) {
                diagonal -= r[k * n + i] * r[k * n + i];
            }
            if (!(diagonal > 0)) {
                return null;
            }
            double pivot = Math.sqrt(diagonal);
            r[i * n + i] = pivot;
            for (int j = i + 1; j < n; j++) {
                double sum = a[i * n + j];
                for (int k = 0; k < i; k++) {
                    sum -= r[k * n + i] * r[k * n + j];
                }
                r[i * n + j] = sum / pivot;
            }
        }
        return copyOf(r, n, n);
    }

    /** Solves A X = B in place of B (n×k), given the factor R of A from {@link #cholesky}: RᵀZ = B, then R X = Z. */
    default void choleskySolve(Matrix factor, Matrix rhs) {
        int n = factor.rows();
        int k = rhs.cols();
        if (factor.cols() != n || rhs.rows() != n) {
            throw new IllegalArgumentException("a " + n + "x" + factor.cols() + " factor cannot solve " + rhs.rows() + "x" + k);
        }
        double[] r = factor.toArray();
        double[] b = rhs.toArray();
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < i; l++) {
                double coefficient = r[l * n + i];
                for (int j = 0; j < k; j++) {
                    b[i * k + j] -= coefficient * b[l * k + j];
                }
            }
            for (int j = 0; j < k; j++) {
                b[i * k + j] /= r[i * n + i];
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            for (int l = i + 1; l < n; l++) {
                double coefficient = r[i * n + l];
                for (int j = 0; j < k; j++) {
                    b[i * k + j] -= coefficient * b[l * k + j];
                }
            }
            for (int j = 0; j < k; j++) {
                b[i * k + j] /= r[i * n + i];
            }
        }
        rhs.copyFrom(b);
    }

    /**
     * A⁻¹ in full (symmetric) from the factor R of A from {@link #cholesky}: for many right-hand sides a GEMM
     * with it runs at the BLAS-3 rate where triangular solves with narrow blocks do not.
     */
    default Matrix choleskyInverse(Matrix factor) {
        int n = factor.rows();
        Matrix inverse = allocate(n, n);
        for (int i = 0; i < n; i++) {
            inverse.set(i, i, 1);
        }
        choleskySolve(factor, inverse);
        return inverse;
    }

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

    /**
     * Copies rows [row, row + target.rows()) and columns [col, col + target.cols()) of {@code source} into
     * {@code target}.
     */
    default void copyBlock(Matrix source, int row, int col, Matrix target) {
        source.checkBlock(row, target.rows(), col, target.cols());
        double[] values = new double[target.cols()];
        for (int i = 0; i < target.rows(); i++) {
            source.read((row + i) * source.cols() + col, values, 0, values.length);
            target.write(i * values.length, values, 0, values.length);
        }
    }

    /** Allocates a copy of the row-major {@code values}. */
    default Matrix copyOf(double[] values, int rows, int cols) {
        Matrix matrix = allocateScratch(rows, cols);
        try {
            matrix.copyFrom(values);
            return matrix;
        } catch (RuntimeException | Error e) {
            matrix.close();
            throw e;
        }
    }
}
