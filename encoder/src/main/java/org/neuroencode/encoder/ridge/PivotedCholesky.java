package org.neuroencode.encoder.ridge;

/**
 * Cholesky factorization with complete (diagonal) pivoting of a symmetric positive semi-definite matrix, in
 * plain Java: the default of {@link LinearAlgebra#pivotedCholesky}. Each step takes the largest remaining
 * diagonal as the pivot, and the factorization stops when that is at or below {@code p · ε · max diag A}, the
 * stopping rule of LAPACK's dpstrf, so the number of rows of the factor is the numerical rank.
 */
final class PivotedCholesky {

    private PivotedCholesky() {
    }

    /** The relative stopping tolerance for a p×p matrix, as LAPACK's dpstrf with a negative tol. */
    static double tolerance(int p, double largestDiagonal) {
        return p * Math.ulp(1.0) / 2 * largestDiagonal;
    }

    /** F (r×p, on the heap) with A ≈ FᵀF; reads the upper triangle of A only. */
    static Matrix factor(Matrix symmetric) {
        int p = symmetric.squareSize("Cholesky factorization");
        double[] a = symmetric.toArray();
        double[] remaining = new double[p];
        double largest = 0;
        for (int i = 0; i < p; i++) {
            remaining[i] = a[i * p + i];
            largest = Math.max(largest, remaining[i]);
        }
        double stop = tolerance(p, largest);
        boolean[] pivoted = new boolean[p];
        double[][] rows = new double[p][];
        int rank = 0;
        while (rank < p) {
            int pivot = -1;
            double best = stop;
            for (int i = 0; i < p; i++) {
                if (!pivoted[i] && remaining[i] > best) {
                    best = remaining[i];
                    pivot = i;
                }
            }
            if (pivot < 0) {
                break;
            }
            double[] row = new double[p];
            // row_k[t] = (A[pivot, t] − Σ_{m<k} F[m, pivot] F[m, t]) / sqrt(d_pivot) for the columns not yet pivoted
            for (int t = 0; t < p; t++) {
                if (!pivoted[t]) {
                    row[t] = pivot <= t ? a[pivot * p + t] : a[t * p + pivot];
                }
            }
            for (int m = 0; m < rank; m++) {
                double factor = rows[m][pivot];
                if (factor != 0) {
                    double[] previous = rows[m];
                    for (int t = 0; t < p; t++) {
                        row[t] -= factor * previous[t];
                    }
                }
            }
            pivoted[pivot] = true;
            double diagonal = Math.sqrt(best);
            for (int t = 0; t < p; t++) {
                if (pivoted[t] && t != pivot) {
                    row[t] = 0;
                } else {
                    row[t] /= diagonal;
                }
            }
            row[pivot] = diagonal;
            for (int t = 0; t < p; t++) {
                if (!pivoted[t]) {
                    remaining[t] -= row[t] * row[t];
                }
            }
            rows[rank++] = row;
        }
        Matrix factor = Matrix.onHeap(rank, p);
        for (int k = 0; k < rank; k++) {
            factor.write(k * p, rows[k], 0, p);
        }
        return factor;
    }
}
