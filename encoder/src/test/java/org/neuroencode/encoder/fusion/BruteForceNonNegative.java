package org.neuroencode.encoder.fusion;

/**
 * The tests' reference for min ½ωᵀHω − gᵀω, ω ≥ 0: the optimum is the unconstrained optimum on one face
 * ω_i = 0 (i ∉ F), so trying every face F and keeping the best feasible candidate is exact, and too slow
 * for anything but tests.
 */
final class BruteForceNonNegative {

    private BruteForceNonNegative() {
    }

    static double[] minimize(double[][] h, double[] g) {
        int m = g.length;
        double[] best = new double[m];
        double bestValue = 0;
        for (int face = 1; face < 1 << m; face++) {
            double[] candidate = solveOnFace(h, g, face);
            boolean feasible = true;
            for (double value : candidate) {
                feasible &= value >= 0;
            }
            if (feasible && objective(h, g, candidate) < bestValue) {
                bestValue = objective(h, g, candidate);
                best = candidate;
            }
        }
        return best;
    }

    static double objective(double[][] h, double[] g, double[] w) {
        double value = 0;
        for (int i = 0; i < w.length; i++) {
            value -= g[i] * w[i];
            for (int j = 0; j < w.length; j++) {
                value += 0.5 * w[i] * h[i][j] * w[j];
            }
        }
        return value;
    }

    /** Gaussian elimination with partial pivoting on the free rows and columns of the face. */
    private static double[] solveOnFace(double[][] h, double[] g, int face) {
        int m = g.length;
        int[] index = new int[Integer.bitCount(face)];
        for (int i = 0, k = 0; i < m; i++) {
            if ((face & (1 << i)) != 0) {
                index[k++] = i;
            }
        }
        int size = index.length;
        double[][] a = new double[size][size + 1];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                a[r][c] = h[index[r]][index[c]];
            }
            a[r][size] = g[index[r]];
        }
        for (int col = 0; col < size; col++) {
            int pivot = col;
            for (int r = col + 1; r < size; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int r = 0; r < size; r++) {
                if (r != col) {
                    double factor = a[r][col] / a[col][col];
                    for (int c = col; c <= size; c++) {
                        a[r][c] -= factor * a[col][c];
                    }
                }
            }
        }
        double[] w = new double[m];
        for (int r = 0; r < size; r++) {
            w[index[r]] = a[r][size] / a[r][r];
        }
        return w;
    }
}
