package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroencode.encoder.ridge.TestProblems.assertClose;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The batch path of {@code neuroencode fit}: fold statistics by GEMM ({@link SufficientStats#ofRows}) and the
 * parallel K-fold solver ({@link KFoldRidgeCv}, {@link NestedRidgeCv#solveCv}), against one-by-one accumulation,
 * the nested solver and the naive normal equations.
 */
class KFoldBatchFitTest {

    private static final double[] ALPHAS = RidgeSettings.logSpaced(1e-2, 1e5, 10);

    @ParameterizedTest(name = "n={0} p={1} v={2} {3} intercept={4}")
    @CsvSource({
        "90, 12, 40, R2, true",
        "60, 80, 30, R2, true",
        "60, 80, 30, PEARSON, true",
        "75, 20, 25, R2, false",
    })
    void shouldMatchTheNestedSolverAndTheNaiveScores(int n, int p, int v, RidgeSettings.Criterion criterion, boolean intercept) {
        TestProblems.Problem problem = TestProblems.linear(n + p, n, p, v, 7);
        RidgeSettings settings = RidgeSettings.withAlphas(ALPHAS).withCriterion(criterion).withFitIntercept(intercept).withVoxelBlockSize(16);
        SufficientStats[] folds = BatchRidgeCv.foldStats(problem.x(), problem.y(), KFolds.contiguous(n, 5));
        RidgeSolution nested = new NestedRidgeCv(settings).solve(folds);
        RidgeSolution plain = new NestedRidgeCv(settings).solveCv(folds);
        assertArrayEquals(nested.bestAlpha(), plain.bestAlpha(), "best alphas");
        assertClose(nested.cvScores(), plain.cvScores(), 1e-10, "cv scores");
        assertClose(nested.coef(), plain.coef(), 1e-10, "coefficients");
        assertClose(nested.intercept(), plain.intercept(), 1e-10, "intercepts");
        assertFalse(plain.oof().isPresent(), "no nested score without nested CV");

        List<int[]> naiveFolds = NaiveRidge.contiguousFolds(n, 5);
        double[][] naive = NaiveRidge.cvScores(problem.x(), problem.y(), naiveFolds, ALPHAS, criterion, intercept);
        assertClose(TestProblems.flatten(naive), plain.cvScores(), 1e-8, "cv scores against the normal equations");

        RidgeSolution rows = new BatchRidgeCv(settings).fit(TestProblems.flatten(problem.x()), TestProblems.flatten(problem.y()), n, 5, false);
        assertArrayEquals(plain.bestAlpha(), rows.bestAlpha(), "row-major batch fit: best alphas");
        assertClose(plain.cvScores(), rows.cvScores(), 1e-9, "row-major batch fit: cv scores");
        assertClose(plain.coef(), rows.coef(), 1e-9, "row-major batch fit: coefficients");
    }

    @Test
    void shouldNotDependOnTheNumberOfWorkers() {
        TestProblems.Problem problem = TestProblems.linear(3, 70, 30, 50, 0);
        RidgeSettings settings = RidgeSettings.withAlphas(ALPHAS).withVoxelBlockSize(7);
        SufficientStats[] folds = BatchRidgeCv.foldStats(problem.x(), problem.y(), KFolds.contiguous(70, 5));
        LinearAlgebra backend = LinearAlgebra.preferred();
        RidgeSolution one = new KFoldRidgeCv(settings, backend, 1).solve(folds);
        RidgeSolution three = new KFoldRidgeCv(settings, backend, 3).solve(folds);
        assertArrayEquals(one.bestAlpha(), three.bestAlpha());
        assertArrayEquals(one.cvScores(), three.cvScores(), 0);
        assertArrayEquals(one.coef(), three.coef(), 0);
    }

    @Test
    void shouldAccumulateRowsAsAddingThemOneByOne() {
        TestProblems.Problem problem = TestProblems.linear(9, 40, 6, 5, 1e6);
        double[] x = TestProblems.flatten(problem.x());
        double[] y = TestProblems.flatten(problem.y());
        SufficientStats expected = new SufficientStats(6, 5);
        for (int r = 10; r < 33; r++) {
            expected.add(problem.x()[r], problem.y()[r]);
        }
        for (LinearAlgebra backend : new LinearAlgebra[] {LinearAlgebra.preferred(), new PlainJavaLinearAlgebra()}) {
            SufficientStats actual = SufficientStats.ofRows(x, y, 6, 5, 10, 33, backend);
            assertEquals(expected.n(), actual.n());
            assertClose(expected.meanX(), actual.meanX(), 1e-14, "mean x");
            assertClose(expected.meanY(), actual.meanY(), 1e-14, "mean y");
            assertClose(expected.cxx(), actual.cxx(), 1e-9, "Cxx");
            assertClose(expected.cxy(), actual.cxy(), 1e-9, "Cxy");
            assertClose(expected.cyy(), actual.cyy(), 1e-9, "Cyy");
            double[] cxx = actual.cxx();
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 6; j++) {
                    assertEquals(cxx[i * 6 + j], cxx[j * 6 + i], 0, "Cxx stays exactly symmetric");
                }
            }
        }
        assertEquals(0, SufficientStats.ofRows(x, y, 6, 5, 4, 4, LinearAlgebra.preferred()).n(), "an empty range");
    }

    @Test
    void shouldRejectNonFiniteRowsByColumn() {
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] y = {1, Double.NaN, 2};
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SufficientStats.ofRows(x, y, 2, 1, 0, 3, LinearAlgebra.preferred()));
        assertTrue(error.getMessage().contains("y column 0"), error.getMessage());
        double[] badX = {1, 2, Double.POSITIVE_INFINITY, 4, 5, 6};
        error = assertThrows(IllegalArgumentException.class, () -> SufficientStats.ofRows(badX, new double[] {1, 2, 3}, 2, 1, 0, 3,
                LinearAlgebra.preferred()));
        assertTrue(error.getMessage().contains("x column 0"), error.getMessage());
    }
}
