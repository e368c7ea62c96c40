package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rank-revealing factor A ≈ FᵀF, plain Java and LAPACK's dpstrf. */
class PivotedCholeskyTest {

    @Test
    void shouldFactorAPositiveSemiDefiniteMatrixToItsRank() {
        for (int rank : new int[] {0, 1, 5, 12}) {
            double[] a = gram(new Random(rank), 12, rank);
            for (LinearAlgebra backend : new LinearAlgebra[] {new PlainJavaLinearAlgebra(), LinearAlgebra.preferred()}) {
                try (Matrix matrix = backend.copyOf(a, 12, 12); Matrix factor = backend.pivotedCholesky(matrix)) {
                    assertEquals(rank, factor.rows(), backend.name() + ": rank");
                    assertEquals(12, factor.cols());
                    double[] f = factor.toArray();
                    double scale = 0;
                    for (double value : a) {
                        scale = Math.max(scale, Math.abs(value));
                    }
                    for (int i = 0; i < 12; i++) {
                        for (int j = 0; j < 12; j++) {
                            double rebuilt = 0;
                            for (int k = 0; k < factor.rows(); k++) {
                                rebuilt += f[k * 12 + i] * f[k * 12 + j];
                            }
                            assertEquals(a[i * 12 + j], rebuilt, 1e-12 * Math.max(scale, 1), backend.name() + " FᵀF at " + i + "," + j);
                        }
                    }
                    assertEquals(a[0], matrix.get(0, 0), 0, "the input is left unchanged");
                }
            }
        }
    }

    /** XᵀX of a rank×p Gaussian X, on an offset scale. */
    private static double[] gram(Random random, int p, int rank) {
        double[] x = new double[rank * p];
        for (int i = 0; i < x.length; i++) {
            x[i] = 3 * random.nextGaussian();
        }
        double[] a = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                for (int r = 0; r < rank; r++) {
                    a[i * p + j] += x[r * p + i] * x[r * p + j];
                }
            }
        }
        return a;
    }
}
