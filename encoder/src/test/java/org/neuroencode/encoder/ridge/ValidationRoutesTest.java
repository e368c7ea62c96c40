package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroencode.encoder.ridge.TestProblems.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The two routes to the validation fold's Σ(ŷ−ŷ̄)² (partial fractions over the training eigenvalues, and the
 * low-rank factor of the fold Gram) give the same scores, including when eigenvalues repeat (balanced one-hot
 * features), when alpha 0 takes the pseudo-inverse, with standardization, and against the normal equations.
 */
class ValidationRoutesTest {

    @Test
    void shouldAgreeOnRandomFeaturesWithSmallValidationFolds() {
        TestProblems.Problem problem = TestProblems.linear(21, 50, 30, 12, 2);
        assertRoutesAgree(problem, RidgeSettings.parse("1e-2:1e5:10"), 5);
        assertRoutesAgree(problem, RidgeSettings.parse("1e-2:1e5:10").withStandardize(true), 5);
        assertRoutesAgree(problem, RidgeSettings.parse("1e-2:1e5:10").withFitIntercept(false), 5);
    }

    @Test
    void shouldAgreeWhenEigenvaluesRepeat() {
        TestProblems.Problem problem = oneHot(31, 96, 6, 8);
        assertRoutesAgree(problem, RidgeSettings.parse("1e-2:1e5:10"), 4);
        assertRoutesAgree(problem, RidgeSettings.withAlphas(0, 0.5, 50), 4);
    }

    @Test
    void shouldMatchTheNormalEquationsWhenEigenvaluesRepeat() {
        TestProblems.Problem problem = oneHot(7, 96, 6, 8);
        double[] alphas = RidgeSettings.logSpaced(1e-2, 1e5, 10);
        for (RidgeSettings.Criterion criterion : RidgeSettings.Criterion.values()) {
            RidgeSettings settings = RidgeSettings.withAlphas(alphas).withCriterion(criterion);
            SufficientStats[] folds = BatchRidgeCv.foldStats(problem.x(), problem.y(), KFolds.contiguous(96, 4));
            RidgeSolution solution = new NestedRidgeCv(settings).solveCv(folds);
            double[][] naive = NaiveRidge.cvScores(problem.x(), problem.y(), NaiveRidge.contiguousFolds(96, 4), alphas, criterion, true);
            assertClose(TestProblems.flatten(naive), solution.cvScores(), 1e-8, criterion + " cv scores");
        }
    }

    @Test
    void shouldGroupOnlyEigenvaluesTooCloseForTheQuotient() {
        List<int[]> groups = ValidationPair.clusters(new double[] {1, 1, 1 + 1e-9, 3, 7, 7}, 10);
        assertEquals(3, groups.size());
        assertArrayEquals(new int[] {0, 1, 2}, groups.get(0));
        assertArrayEquals(new int[] {3}, groups.get(1));
        assertArrayEquals(new int[] {4, 5}, groups.get(2));
        assertEquals(3, ValidationPair.clusters(new double[] {1, 2, 3}, 0).size());
        assertEquals(0, ValidationPair.clusters(new double[0], 1).size());
    }

    /** Every (alpha, voxel) score of every fold, both criteria, both routes, within 1e-9. */
    private static void assertRoutesAgree(TestProblems.Problem problem, RidgeSettings settings, int k) {
        LinearAlgebra backend = LinearAlgebra.preferred();
        SufficientStats[] folds = BatchRidgeCv.foldStats(problem.x(), problem.y(), KFolds.contiguous(problem.n(), k));
        int v = problem.y()[0].length;
        int alphas = settings.alphas().length;
        for (int f = 0; f < k; f++) {
            List<SufficientStats> others = new ArrayList<>(List.of(folds));
            others.remove(f);
            try (EigenBasis basis = EigenBasis.of(TrainingSet.pool(others, settings.fitIntercept()), settings, backend);
                    ValidationPair fractions = new ValidationPair(basis, folds[f], backend, ValidationPair.Route.PARTIAL_FRACTIONS);
                    ValidationPair lowRank = new ValidationPair(basis, folds[f], backend, ValidationPair.Route.LOW_RANK)) {
                AlphaPath a = fractions.evaluate(0, v);
                AlphaPath b = lowRank.evaluate(0, v);
                for (RidgeSettings.Criterion criterion : RidgeSettings.Criterion.values()) {
                    for (int alpha = 0; alpha < alphas; alpha++) {
                        for (int j = 0; j < v; j++) {
                            double expected = b.score(criterion, alpha, j);
                            double actual = a.score(criterion, alpha, j);
                            assertTrue(Double.isNaN(expected) ? Double.isNaN(actual) : Math.abs(expected - actual) <= 1e-9,
                                    "fold " + f + " " + criterion + " alpha " + alpha + " voxel " + j + ": " + expected + " vs " + actual);
                        }
                    }
                }
            }
        }
    }

    /**
     * Balanced one-hot features (class i mod classes): the centered training Gram has one eigenvalue repeated
     * classes − 1 times, which the partial fractions must not divide by; y depends on the class.
     */
    private static TestProblems.Problem oneHot(long seed, int n, int classes, int v) {
        Random random = new Random(seed);
        double[][] x = new double[n][classes];
        double[][] y = new double[n][v];
        double[][] effect = new double[classes][v];
        for (double[] row : effect) {
            for (int j = 0; j < v; j++) {
                row[j] = random.nextGaussian();
            }
        }
        for (int r = 0; r < n; r++) {
            int c = r % classes;
            x[r][c] = 1;
            for (int j = 0; j < v; j++) {
                y[r][j] = effect[c][j] + (0.2 + j) * random.nextGaussian();
            }
        }
        return new TestProblems.Problem(x, y);
    }
}
