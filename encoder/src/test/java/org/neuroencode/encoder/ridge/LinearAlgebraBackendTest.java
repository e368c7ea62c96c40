package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void shouldInvertAPositiveDefiniteMatrixFromItsLowerTriangleAndReportOneThatIsNot() {
        Random random = new Random(3);
        int n = 7;
        double[] a = random.doubles(n * n).map(value -> value - 0.5).toArray();
        double[] spd = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int l = 0; l < n; l++) {
                    spd[i * n + j] += a[i * n + l] * a[j * n + l];
                }
            }
            spd[i * n + i] += 0.1;
        }
        for (LinearAlgebra backend : new LinearAlgebra[] {PLAIN, openBlas}) {
            double[] lowerOnly = spd.clone();
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    lowerOnly[i * n + j] = Double.NaN;
                }
            }
            try (Matrix matrix = backend.copyOf(lowerOnly, n, n)) {
                assertTrue(backend.invertLower(matrix), backend.name());
                // the inverse's lower triangle times the matrix is the identity
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double product = 0;
                        for (int l = 0; l < n; l++) {
                            product += matrix.get(Math.max(i, l), Math.min(i, l)) * spd[l * n + j];
                        }
                        assertEquals(i == j ? 1 : 0, product, 1e-9, backend.name() + " (" + i + "," + j + ")");
                    }
                }
            }
            double[] indefinite = spd.clone();
            indefinite[3 * n + 3] = -1;
            try (Matrix matrix = backend.copyOf(indefinite, n, n)) {
                assertFalse(backend.invertLower(matrix), backend.name() + ": not positive definite");
            }
        }
    }

    @Test
    void shouldFormTheLowerTriangleOfAProductWithItsTransposeAndLeaveTheRest() {
        Random random = new Random(7);
        for (int k : new int[] {0, 1, 9}) {
            int n = 6;
            double[] a = random.doubles(n * k).map(value -> value - 0.5).toArray();
            for (LinearAlgebra backend : new LinearAlgebra[] {PLAIN, openBlas}) {
                double[] before = random.doubles(n * n).toArray();
                try (Matrix left = backend.copyOf(a, n, k); Matrix product = backend.copyOf(before, n, n)) {
                    backend.lowerProduct(left, product);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double expected = before[i * n + j];
                            if (j <= i) {
                                expected = 0;
                                for (int l = 0; l < k; l++) {
                                    expected += a[i * k + l] * a[j * k + l];
                                }
                            }
                            assertEquals(expected, product.get(i, j), 1e-14, backend.name() + " k=" + k + " (" + i + "," + j + ")");
                        }
                    }
                }
                try (Matrix left = backend.copyOf(a, n, k); Matrix wrong = backend.allocate(n, n + 1)) {
                    assertThrows(IllegalArgumentException.class, () -> backend.lowerProduct(left, wrong));
                }
            }
        }
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
    void shouldAddAVectorToEveryRowAsOneRoundedAdditionPerElement() {
        Random random = new Random(9);
        int rows = 9;
        int cols = 11;
        double[] values = random.doubles(rows * cols).map(value -> 1e6 + value).toArray();
        double[] mean = random.doubles(cols).map(value -> 1e6 + value).toArray();
        for (LinearAlgebra backend : new LinearAlgebra[] {PLAIN, openBlas}) {
            try (Matrix matrix = backend.copyOf(values, rows, cols)) {
                backend.addToRows(-1, mean, matrix);
                double[] result = matrix.toArray();
                for (int i = 0; i < rows * cols; i++) {
                    assertEquals(Double.doubleToLongBits(values[i] - mean[i % cols]), Double.doubleToLongBits(result[i]),
                            backend.name() + " element " + i);
                }
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "beyond the float range: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void shouldRoundAColumnRangeIntoARegionWithItsRowSumsAlike(boolean beyondFloatRange) {
        Random random = new Random(8);
        int rows = 7;
        int cols = 13;
        double[] values = random.doubles(rows * cols).map(value -> 1e3 * (value - 0.5)).toArray();
        if (beyondFloatRange) {
            values[2 * cols + 5] = 1e39;
        }
        float[][] results = new float[2][];
        double[][] sums = new double[2][];
        LinearAlgebra[] backends = {PLAIN, openBlas};
        for (int b = 0; b < 2; b++) {
            LinearAlgebra backend = backends[b];
            double[] rowSums = new double[rows + 2];
            java.util.Arrays.fill(rowSums, 0.25);
            try (Matrix source = backend.copyOf(values, rows, cols); SingleMatrix target = backend.allocateSingle(rows + 3, 9)) {
                backend.roundInto(source, 4, 6, target, 2, 1, rowSums, 1);
                results[b] = new float[(rows + 3) * 9];
                for (int i = 0; i < rows + 3; i++) {
                    target.readRow(i, 0, results[b], i * 9, 9);
                }
            }
            sums[b] = rowSums;
            // each element rounded as a Java cast rounds it (1e39 to infinity), and nothing written outside the region
            for (int i = 0; i < rows + 3; i++) {
                for (int j = 0; j < 9; j++) {
                    boolean inside = i >= 2 && i < rows + 2 && j >= 1 && j < 7;
                    float expected = inside ? (float) values[(i - 2) * cols + 4 + j - 1] : 0f;
                    assertEquals(expected, results[b][i * 9 + j], backend.name() + " element " + i + "," + j);
                }
            }
            for (int i = 0; i < rows; i++) {
                double sum = 0.25;
                for (int j = 4; j < 10; j++) {
                    sum += values[i * cols + j];
                }
                assertEquals(sum, rowSums[1 + i], 1e-9 * Math.max(1, Math.abs(sum)), backend.name() + " row sum " + i);
            }
            assertEquals(0.25, rowSums[0]);
            assertEquals(0.25, rowSums[rows + 1]);
        }
    }

    @Test
    void shouldMultiplyInSinglePrecisionToFloatAccuracy() {
        Random random = new Random(3);
        double[] a = random.doubles(40 * 30).map(value -> value - 0.5).toArray();
        double[] b = random.doubles(40 * 20).map(value -> value - 0.5).toArray();
        double[] expected = naiveGemm(true, false, 1, a, 40, b, 40, 0, new double[30 * 20], 30, 20);
        for (LinearAlgebra backend : new LinearAlgebra[] {PLAIN, openBlas}) {
            try (Matrix da = backend.copyOf(a, 40, 30); Matrix db = backend.copyOf(b, 40, 20);
                    SingleMatrix sa = backend.rounded(da, new double[40]); SingleMatrix sb = backend.rounded(db, new double[40]);
                    SingleMatrix sc = backend.allocateSingle(30, 20); Matrix widened = backend.allocate(30, 20)) {
                backend.gemm(true, false, sa, sb, 0f, sc);
                sc.widenInto(widened);
                assertClose(expected, widened.toArray(), 1e-5, backend.name() + " sgemm");
                // the same product as two row blocks of views, accumulated, and a column block of B
                try (SingleMatrix parts = backend.allocateSingle(30, 20); SingleMatrix columns = backend.allocateSingle(30, 8);
                        Matrix widenedParts = backend.allocate(30, 20)) {
                    backend.gemm(true, false, sa.view(0, 15, 0, 30), sb.view(0, 15, 0, 20), 0f, parts);
                    backend.gemm(true, false, sa.view(15, 25, 0, 30), sb.view(15, 25, 0, 20), 1f, parts);
                    parts.widenInto(widenedParts);
                    assertClose(expected, widenedParts.toArray(), 1e-5, backend.name() + " sgemm of views");
                    // an empty inner dimension leaves beta·C
                    backend.gemm(true, false, sa.view(0, 0, 0, 30), sb.view(0, 0, 0, 20), 0.5f, parts);
                    parts.widenInto(widenedParts);
                    assertClose(java.util.Arrays.stream(expected).map(value -> value / 2).toArray(), widenedParts.toArray(), 1e-5,
                            backend.name() + " sgemm with no inner dimension");
                    // a scratch output holding garbage (NaN here) is overwritten by a product with beta 0
                    try (SingleMatrix scratch = backend.allocateSingleScratch(30, 20); Matrix widenedScratch = backend.allocate(30, 20)) {
                        float[] nan = new float[20];
                        java.util.Arrays.fill(nan, Float.NaN);
                        for (int i = 0; i < 30; i++) {
                            scratch.writeRow(i, 0, nan, 0, 20);
                        }
                        backend.gemm(true, false, sa, sb, 0f, scratch);
                        scratch.widenInto(widenedScratch);
                        assertClose(expected, widenedScratch.toArray(), 1e-5, backend.name() + " sgemm into scratch");
                    }
                    backend.gemm(true, false, sa, sb.view(0, 40, 12, 8), 0f, columns);
                    for (int i = 0; i < 30; i++) {
                        for (int j = 0; j < 8; j++) {
                            assertEquals(expected[i * 20 + 12 + j], columns.get(i, j), 1e-5 * 40, backend.name() + " column view");
                        }
                    }
                }
            }
        }
    }

    @Test
    void shouldReadRowsOfViewsAlikeAndRefuseReadsOutsideTheMatrix() {
        float[] values = new float[7 * 9];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f - 3;
        }
        for (LinearAlgebra backend : new LinearAlgebra[] {PLAIN, openBlas}) {
            try (SingleMatrix matrix = backend.allocateSingle(7, 9)) {
                for (int i = 0; i < 7; i++) {
                    matrix.writeRow(i, 0, values, i * 9, 9);
                }
                SingleMatrix view = matrix.view(2, 4, 3, 5);
                float[] row = new float[8];
                view.readRow(1, 1, row, 2, 4);
                assertArrayEquals(new float[] {0, 0, values[3 * 9 + 4], values[3 * 9 + 5], values[3 * 9 + 6], values[3 * 9 + 7], 0, 0}, row,
                        backend.name());
                view.readRow(3, 0, row, 0, 5);
                assertEquals(values[5 * 9 + 3], row[0], backend.name());
                assertEquals(values[5 * 9 + 7], row[4], backend.name());
                // past the view's columns, below its rows, or beyond the target: never another row's storage
                assertThrows(IndexOutOfBoundsException.class, () -> view.readRow(0, 1, row, 0, 5), backend.name());
                assertThrows(IndexOutOfBoundsException.class, () -> view.readRow(4, 0, row, 0, 1), backend.name());
                assertThrows(IndexOutOfBoundsException.class, () -> view.readRow(0, 0, row, 6, 5), backend.name());
            }
        }
    }

    @Test
    void shouldCopyABlockOfRowsAndColumnsAndRefuseOneOutsideTheSource() {
        double[] values = new double[6 * 7];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 1.5 - 4;
        }
        for (LinearAlgebra backend : new LinearAlgebra[] {PLAIN, openBlas}) {
            try (Matrix source = backend.copyOf(values, 6, 7); Matrix block = backend.allocateScratch(3, 4); Matrix empty = backend.allocate(3, 0)) {
                backend.copyBlock(source, 2, 1, block);
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 4; j++) {
                        assertEquals(values[(2 + i) * 7 + 1 + j], block.get(i, j), backend.name() + " element " + i + "," + j);
                    }
                }
                backend.copyBlock(source, 6 - 3, 7, empty);
                assertThrows(IllegalArgumentException.class, () -> backend.copyBlock(source, 4, 0, block), backend.name() + " rows past the end");
                assertThrows(IllegalArgumentException.class, () -> backend.copyBlock(source, 0, 4, block), backend.name() + " columns past the end");
            }
        }
    }

    @Test
    void shouldSolveByCholeskyAndRefuseIndefiniteMatrices() {
        int n = 9;
        double[] gram = randomGram(new Random(4), n, 20);
        double[] rhs = new Random(5).doubles(n * 3).toArray();
        double[] expected = new double[n * 3];
        for (int j = 0; j < 3; j++) {
            double[][] system = new double[n][n];
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    system[i][k] = gram[i * n + k];
                }
                column[i] = rhs[i * 3 + j];
            }
            double[] solution = NaiveRidge.solve(system, column);
            for (int i = 0; i < n; i++) {
                expected[i * 3 + j] = solution[i];
            }
        }
        double[] indefinite = gram.clone();
        indefinite[0] = -1;
        for (LinearAlgebra backend : new LinearAlgebra[] {PLAIN, openBlas}) {
            try (Matrix matrix = backend.copyOf(gram, n, n); Matrix factor = backend.cholesky(matrix); Matrix b = backend.copyOf(rhs, n, 3)) {
                backend.choleskySolve(factor, b);
                assertClose(expected, b.toArray(), 1e-10, backend.name() + " Cholesky solve");
                try (Matrix inverse = backend.choleskyInverse(factor); Matrix b2 = backend.copyOf(rhs, n, 3); Matrix product = backend.allocate(n, 3)) {
                    backend.gemm(false, false, 1, inverse, b2, 0, product);
                    assertClose(expected, product.toArray(), 1e-9, backend.name() + " inverse from the Cholesky factor");
                }
                double[] upper = factor.toArray();
                for (int i = 1; i < n; i++) {
                    for (int k = 0; k < i; k++) {
                        assertEquals(0, upper[i * n + k], 0, backend.name() + ": the factor is upper triangular");
                    }
                }
            }
            try (Matrix matrix = backend.copyOf(indefinite, n, n)) {
                assertEquals(null, backend.cholesky(matrix), backend.name() + ": an indefinite matrix has no Cholesky factor");
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
