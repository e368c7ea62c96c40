package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.neuroencode.encoder.ridge.TestProblems.assertClose;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LinearAlgebraBackendTest {

    private static final LinearAlgebra PLAIN = new PlainJavaLinearAlgebra();
    private static LinearAlgebra openBlas;

    @BeforeAll
    static void loadOpenBlas() {
        // the build bundles only linux-x86_64 natives: there they must load; elsewhere the fallback is expected
        boolean bundledPlatform = System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64");
        if (bundledPlatform) {
            assertTrue(OpenBlasLinearAlgebra.isAvailable(), "the bundled linux-x86_64 OpenBLAS should load here");
        }
        assumeTrue(OpenBlasLinearAlgebra.isAvailable(), "no OpenBLAS natives for this platform");
        openBlas = new OpenBlasLinearAlgebra();
        assertEquals("openblas", LinearAlgebra.preferred().name());
    }

    @Test
    void shouldAgreeOnGemmForEveryTransposition() {
        Random random = new Random(1);
        double[] a = random.doubles(5 * 7).toArray();
        double[] b = random.doubles(7 * 5).toArray();
        double[] c = random.doubles(5 * 5).toArray();
        for (boolean transposeA : new boolean[] {false, true}) {
            for (boolean transposeB : new boolean[] {false, true}) {
                int aRows = transposeA ? 7 : 5;
                int bRows = transposeB ? 5 : 7;
                double[] expected = naiveGemm(transposeA, transposeB, 2, a, aRows, b, bRows, 0.5, c, 5, 5);
                for (LinearAlgebra backend : new LinearAlgebra[] {PLAIN, openBlas}) {
                    try (Matrix ma = backend.copyOf(a, aRows, 35 / aRows); Matrix mb = backend.copyOf(b, bRows, 35 / bRows);
                            Matrix mc = backend.copyOf(c, 5, 5)) {
                        backend.gemm(transposeA, transposeB, 2, ma, mb, 0.5, mc);
                        assertArrayEquals(expected, mc.toArray(), 1e-12, backend.name() + " " + transposeA + "/" + transposeB);
                    }
                }
            }
        }
    }

    @Test
    void shouldAgreeOnSymmetricEigendecomposition() {
        int n = 12;
        double[] symmetric = randomGram(new Random(2), n, 8);
        double[] plainValues;
        try (Matrix matrix = PLAIN.copyOf(symmetric, n, n); SymmetricEigen eigen = PLAIN.symmetricEigen(matrix)) {
            plainValues = eigen.values();
            assertReconstructs(symmetric, eigen, n);
            assertArrayEquals(symmetric, matrix.toArray(), 0, "input is left unchanged");
        }
        try (Matrix matrix = openBlas.copyOf(symmetric, n, n); SymmetricEigen eigen = openBlas.symmetricEigen(matrix)) {
            assertClose(plainValues, eigen.values(), 1e-12, "eigenvalues");
            assertReconstructs(symmetric, eigen, n);
            assertArrayEquals(symmetric, matrix.toArray(), 0, "input is left unchanged");
        }
    }

    @Test
    void shouldGiveTheSameSolutionOnBothBackends() {
        TestProblems.Problem problem = TestProblems.linear(9, 60, 9, 12, 3);
        RidgeSettings settings = RidgeSettings.withAlphas(RidgeSettings.parseAlphas("1e-2:1e3:6")).withStandardize(true);
        RidgeSolution plain = new BatchRidgeCv(settings, PLAIN).fit(problem.x(), problem.y(), 5);
        RidgeSolution natively = new BatchRidgeCv(settings, openBlas).fit(problem.x(), problem.y(), 5);
        assertArrayEquals(plain.bestAlpha(), natively.bestAlpha());
        assertClose(plain.coef(), natively.coef(), 1e-9, "coef");
        assertClose(plain.cvScores(), natively.cvScores(), 1e-9, "cv scores");
        assertClose(plain.oof().orElseThrow().toMatrix(), natively.oof().orElseThrow().toMatrix(), 1e-9, "oof");
    }

    @Test
    void shouldRefuseMismatchedShapesAndForeignMatrices() {
        try (Matrix a = openBlas.allocate(2, 3); Matrix b = openBlas.allocate(2, 3); Matrix c = openBlas.allocate(2, 2)) {
            assertThrows(IllegalArgumentException.class, () -> openBlas.gemm(false, false, 1, a, b, 0, c));
            assertThrows(IllegalArgumentException.class, () -> openBlas.gemm(false, true, 1, a, Matrix.onHeap(2, 3), 0, c));
        }
    }

    private static void assertReconstructs(double[] symmetric, SymmetricEigen eigen, int n) {
        double[] values = eigen.values();
        for (int k = 1; k < n; k++) {
            assertTrue(values[k - 1] <= values[k], "ascending eigenvalues");
        }
        double[] vectors = eigen.vectors().toArray();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double rebuilt = 0;
                double gram = 0;
                for (int k = 0; k < n; k++) {
                    rebuilt += vectors[i * n + k] * values[k] * vectors[j * n + k];
                    gram += vectors[k * n + i] * vectors[k * n + j];
                }
                assertEquals(symmetric[i * n + j], rebuilt, 1e-10, "A = VΛVᵀ at " + i + "," + j);
                assertEquals(i == j ? 1 : 0, gram, 1e-12, "VᵀV = I at " + i + "," + j);
            }
        }
    }

    /** XᵀX of an m×n Gaussian X: positive semi-definite, singular when m < n. */
    private static double[] randomGram(Random random, int n, int m) {
        double[] x = random.doubles(m * n).map(u -> u - 0.5).toArray();
        double[] gram = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int r = 0; r < m; r++) {
                    gram[i * n + j] += x[r * n + i] * x[r * n + j];
                }
            }
        }
        return gram;
    }

    private static double[] naiveGemm(boolean transposeA, boolean transposeB, double alpha, double[] a, int aRows, double[] b, int bRows,
            double beta, double[] c, int m, int n) {
        int aCols = a.length / aRows;
        int bCols = b.length / bRows;
        int k = transposeA ? aRows : aCols;
        double[] result = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int l = 0; l < k; l++) {
                    double left = transposeA ? a[l * aCols + i] : a[i * aCols + l];
                    double right = transposeB ? b[j * bCols + l] : b[l * bCols + j];
                    sum += left * right;
                }
                result[i * n + j] = alpha * sum + beta * c[i * n + j];
            }
        }
        return result;
    }
}
