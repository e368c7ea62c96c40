package org.neuroencode.encoder.fusion;

import java.util.Arrays;

/**
 * Minimizes ½ωᵀHω − gᵀω subject to ω ≥ 0 for a small symmetric positive-definite H, by the Lawson–Hanson
 * active-set method written on the normal equations. With L ≤ 12 unknowns a direct active-set method is
 * exact up to rounding and needs a handful of tiny Cholesky solves, where an iterative solver would need a
 * tolerance and many iterations.
 */
final class NonNegativeQuadratic {

    private NonNegativeQuadratic() {
    }

    /**
     * @param h row-major m×m, symmetric positive definite
     * @throws ArithmeticException if H is not positive definite, or the method fails to terminate (which
     *     exact arithmetic rules out)
     */
    static double[] minimize(double[] h, double[] g, int m) {
        boolean[] free = new boolean[m];
        Arrays.fill(free, true);
        double[] unconstrained = solveOnFree(h, g, free, m);
        if (Arrays.stream(unconstrained).allMatch(value -> value > 0)) {
            // the usual case when every layer predicts the voxel: one solve instead of one per entering layer
            return unconstrained;
        }
        Arrays.fill(free, false);
        double[] w = new double[m];
        // an index whose entry changes nothing sits at rounding level; re-admitting it at once would cycle
        boolean[] stuck = new boolean[m];
        double tolerance = 1e-12 * magnitude(h, g, m);
        for (int iteration = 0; iteration < 10 * m + 10; iteration++) {
            int entering = steepestBound(h, g, w, free, stuck, tolerance);
            if (entering < 0) {
                return w;
            }
            free[entering] = true;
            double[] before = w.clone();
            settle(h, g, w, free);
            if (Arrays.equals(before, w)) {
                stuck[entering] = true;
            } else {
                Arrays.fill(stuck, false);
            }
        }
        throw new ArithmeticException("non-negative least squares did not terminate for " + m + " unknowns");
    }

    /**
     * Moves w towards the optimum on the free set, stopping at the first bound it would cross and freezing
     * that variable, until the free-set optimum is feasible; each pass frees one variable fewer, so it ends.
     */
    private static void settle(double[] h, double[] g, double[] w, boolean[] free) {
        int m = w.length;
        while (true) {
            double[] z = solveOnFree(h, g, free, m);
            int blocking = -1;
            double step = Double.POSITIVE_INFINITY;
            for (int i = 0; i < m; i++) {
                if (free[i] && z[i] <= 0) {
                    double ratio = w[i] > z[i] ? w[i] / (w[i] - z[i]) : 0;
                    if (ratio < step) {
                        step = ratio;
                        blocking = i;
                    }
                }
            }
            if (blocking < 0) {
                System.arraycopy(z, 0, w, 0, m);
                return;
            }
            for (int i = 0; i < m; i++) {
                if (free[i]) {
                    w[i] += step * (z[i] - w[i]);
                }
            }
            free[blocking] = false;
            w[blocking] = 0;
            for (int i = 0; i < m; i++) {
                if (free[i] && w[i] <= 0) {
                    free[i] = false;
                    w[i] = 0;
                }
            }
        }
    }

    /** The bound variable along which the objective falls fastest, or −1 when none falls beyond rounding (KKT holds). */
    private static int steepestBound(double[] h, double[] g, double[] w, boolean[] free, boolean[] stuck, double tolerance) {
        int m = w.length;
        int best = -1;
        double steepest = tolerance;
        for (int i = 0; i < m; i++) {
            if (free[i] || stuck[i]) {
                continue;
            }
            double descent = g[i];
            for (int j = 0; j < m; j++) {
                descent -= h[i * m + j] * w[j];
            }
            if (descent > steepest) {
                steepest = descent;
                best = i;
            }
        }
        return best;
    }

    /** Solves H_FF z_F = g_F by Cholesky, with z = 0 off the free set F. */
    private static double[] solveOnFree(double[] h, double[] g, boolean[] free, int m) {
        int[] index = new int[m];
        int size = 0;
        for (int i = 0; i < m; i++) {
            if (free[i]) {
                index[size++] = i;
            }
        }
        double[] lower = new double[size * size];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c <= r; c++) {
                double sum = h[index[r] * m + index[c]];
                for (int k = 0; k < c; k++) {
                    sum -= lower[r * size + k] * lower[c * size + k];
                }
                if (r == c) {
                    if (!(sum > 0)) {
                        throw new ArithmeticException("the fusion normal matrix is not positive definite");
                    }
                    lower[r * size + r] = Math.sqrt(sum);
                } else {
                    lower[r * size + c] = sum / lower[c * size + c];
                }
            }
        }
        double[] y = new double[size];
        for (int r = 0; r < size; r++) {
            double sum = g[index[r]];
            for (int k = 0; k < r; k++) {
                sum -= lower[r * size + k] * y[k];
            }
            y[r] = sum / lower[r * size + r];
        }
        double[] z = new double[m];
        for (int r = size - 1; r >= 0; r--) {
            double sum = y[r];
            for (int k = r + 1; k < size; k++) {
                sum -= lower[k * size + r] * z[index[k]];
            }
            z[index[r]] = sum / lower[r * size + r];
        }
        return z;
    }

    private static double magnitude(double[] h, double[] g, int m) {
        double largest = Double.MIN_NORMAL;
        for (int i = 0; i < m; i++) {
            largest = Math.max(largest, Math.max(Math.abs(g[i]), Math.abs(h[i * m + i])));
        }
        return largest;
    }
}
