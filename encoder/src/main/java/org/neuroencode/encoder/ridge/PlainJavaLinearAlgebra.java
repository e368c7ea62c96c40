package org.neuroencode.encoder.ridge;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Dependency-free backend: the fallback when no native library loads, and an independent cross-check of
 * the native one in tests. The eigensolver is cyclic Jacobi, which is simple and accurate but costs
 * O(p³) per sweep, so this backend suits p up to a few hundred.
 */
public final class PlainJavaLinearAlgebra implements LinearAlgebra {

    private static final int MAX_SWEEPS = 100;

    @Override
    public Matrix allocate(int rows, int cols) {
        return Matrix.onHeap(rows, cols);
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        int k = Matrix.gemmInnerDimension(transposeA, transposeB, a, b, c);
        int m = c.rows();
        int n = c.cols();
        double[] left = materialize(a, transposeA);
        double[] right = materialize(b, transposeB);
        double[] result = c.toArray();
        double[] row = new double[n];
        for (int i = 0; i < m; i++) {
            Arrays.fill(row, 0);
            // i-k-j order streams through contiguous rows of B, which is what makes plain Java tolerable
            for (int l = 0; l < k; l++) {
                double factor = left[i * k + l];
                if (factor != 0) {
                    int offset = l * n;
                    for (int j = 0; j < n; j++) {
                        row[j] += factor * right[offset + j];
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                result[i * n + j] = alpha * row[j] + (beta == 0 ? 0 : beta * result[i * n + j]);
            }
        }
        c.copyFrom(result);
    }

    @Override
    public SymmetricEigen symmetricEigen(Matrix symmetric) {
        int n = symmetric.squareSize("eigendecomposition");
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                a[i][j] = symmetric.get(i, j);
                a[j][i] = a[i][j];
            }
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        jacobi(a, v);
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> a[i][i]));
        double[] values = new double[n];
        Matrix vectors = allocate(n, n);
        for (int col = 0; col < n; col++) {
            values[col] = a[order[col]][order[col]];
            for (int row = 0; row < n; row++) {
                vectors.set(row, col, v[row][order[col]]);
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    @Override
    public String name() {
        return "plain-java";
    }

    static void scale(Matrix matrix, double factor) {
        double[] values = matrix.toArray();
        for (int i = 0; i < values.length; i++) {
            values[i] = factor == 0 ? 0 : factor * values[i];
        }
        matrix.copyFrom(values);
    }

    /** Rotates a to diagonal form, accumulating the rotations into the columns of v. */
    private static void jacobi(double[][] a, double[][] v) {
        int n = a.length;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diagonal = 0;
            for (int i = 0; i < n; i++) {
                diagonal += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            // stop once the off-diagonal mass is at rounding level relative to the diagonal
            if (off <= 1e-30 * diagonal || off == 0) {
                return;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] != 0) {
                        rotate(a, v, p, q);
                    }
                }
            }
        }
        throw new ArithmeticException("Jacobi eigensolver did not converge in " + MAX_SWEEPS + " sweeps");
    }

    private static void rotate(double[][] a, double[][] v, int p, int q) {
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        // the smaller root keeps the rotation angle below π/4, which is what makes Jacobi stable
        double t = Double.isInfinite(theta * theta)
                ? 1 / (2 * theta)
                : Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = a.length;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        a[p][q] = 0;
        a[q][p] = 0;
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    private static double[] materialize(Matrix matrix, boolean transpose) {
        double[] values = matrix.heapArrayOrNull();
        if (values == null) {
            values = matrix.toArray();
        }
        if (!transpose) {
            return values;
        }
        int rows = matrix.rows();
        int cols = matrix.cols();
        double[] transposed = new double[values.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                transposed[j * rows + i] = values[i * cols + j];
            }
        }
        return transposed;
    }
}
