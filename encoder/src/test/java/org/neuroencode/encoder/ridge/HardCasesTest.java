package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroencode.encoder.ridge.TestProblems.assertClose;

import org.junit.jupiter.api.Test;

class HardCasesTest {

    @Test
    void shouldMatchNaiveRidgeOnExactlyCollinearFeatures() {
        TestProblems.Problem problem = TestProblems.linear(1, 60, 5, 6, 0);
        for (double[] row : problem.x()) {
            row[4] = row[0] + 2 * row[1];
        }
        assertMatchesNaiveRefit(problem, RidgeSettings.withAlphas(0.5, 50), 5, 1e-6);
    }

    @Test
    void shouldMatchNaiveRidgeWithFeatureOffsetsOfAMillion() {
        assertMatchesNaiveRefit(TestProblems.linear(2, 80, 6, 6, 1e6), RidgeSettings.withAlphas(0.1, 10, 1000), 4, 1e-6);
    }

    @Test
    void shouldFitWhenTrainingSetsHaveFewerSamplesThanFeatures() {
        assertMatchesNaiveRefit(TestProblems.linear(3, 30, 50, 5, 0), RidgeSettings.withAlphas(1, 100), 5, 1e-6);
    }

    @Test
    void shouldGiveMinimumNormLeastSquaresForRankDeficientOls() {
        TestProblems.Problem problem = TestProblems.linear(4, 50, 4, 3, 10);
        double[][] x = new double[50][];
        for (int r = 0; r < 50; r++) {
            double[] row = problem.x()[r];
            x[r] = new double[] {row[0], row[1], row[2], row[3], row[0] - row[1]};
        }
        RidgeSolution ols = BatchRidgeCv.ols().fit(x, problem.y(), 5);

        // the least-squares fit itself is unique: compare with OLS on the independent columns
        NaiveRidge.Fit independent = NaiveRidge.fit(problem.x(), problem.y(), NaiveRidge.union(NaiveRidge.contiguousFolds(50, 1)), 0, true);
        for (int r = 0; r < 50; r += 7) {
            assertClose(independent.predict(problem.x()[r]), ols.predict(x[r]), 1e-8, "fitted values of row " + r);
        }
        // minimum norm: no component along the null direction (1, −1, 0, 0, −1)
        for (int j = 0; j < 3; j++) {
            double alongNull = ols.coef(0, j) - ols.coef(1, j) - ols.coef(4, j);
            assertEquals(0, alongNull, 1e-8, "null-space component of voxel " + j);
        }
        assertTrue(ols.oof().isPresent(), "a single alpha needs no inner CV, so the honest score exists");
    }

    @Test
    void shouldScoreAConstantVoxelNaNAndGiveItTheLargestAlpha() {
        TestProblems.Problem problem = TestProblems.linear(5, 40, 3, 3, 0);
        for (double[] row : problem.y()) {
            row[1] = 4.25;
        }
        for (RidgeSettings.Criterion criterion : RidgeSettings.Criterion.values()) {
            RidgeSolution solution = new BatchRidgeCv(RidgeSettings.withAlphas(1, 10, 100).withCriterion(criterion)).fit(problem.x(), problem.y(), 4);
            assertEquals(100, solution.bestAlpha()[1], 0, criterion + ": ties (all NaN) go to the largest alpha");
            assertTrue(Double.isNaN(solution.cvScore()[1]), criterion + " cv score");
            assertTrue(Double.isNaN(solution.oof().orElseThrow().pearson()[1]), criterion + " pooled Pearson");
            assertFalse(Double.isNaN(solution.oof().orElseThrow().pearson()[0]), criterion + " other voxels are scored");
            for (int i = 0; i < 3; i++) {
                assertEquals(0, solution.coef(i, 1), 0);
            }
            assertEquals(4.25, solution.intercept()[1], 0);
        }
    }

    @Test
    void shouldRejectNaNAndInfiniteInputNamingTheProblem() {
        TestProblems.Problem problem = TestProblems.linear(6, 20, 3, 2, 0);
        problem.y()[7][1] = Double.NaN;
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> BatchRidgeCv.ols().fit(problem.x(), problem.y(), 2));
        assertTrue(nan.getMessage().contains("y[1] is NaN"), nan.getMessage());

        float[][] x = {{1, 2}, {3, Float.POSITIVE_INFINITY}, {5, 1}};
        float[][] y = {{1}, {2}, {3}};
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class, () -> BatchRidgeCv.ols().fit(x, y, 3));
        assertTrue(inf.getMessage().contains("x[1] is Infinity"), inf.getMessage());
    }

    @Test
    void shouldSkipEmptyFoldsWhenThereAreFewerSamplesThanFolds() {
        float[][] x = {{1, 0}, {2, 1}, {4, 0}};
        float[][] y = {{1, 5}, {2, 5.5f}, {4.5f, 6}};
        RidgeSolution solution = new BatchRidgeCv(RidgeSettings.withAlphas(0.1, 1)).fit(x, y, 5);
        assertEquals(3, solution.foldsUsed());
        assertTrue(solution.oof().isPresent());
        assertEquals(1, solution.bestAlpha()[0], 0, "single-sample folds have no variance to score, so the largest alpha wins");
    }

    @Test
    void shouldRefuseFewerThanTwoNonEmptyFolds() {
        InsufficientDataException tooFew = assertThrows(InsufficientDataException.class,
                () -> new BatchRidgeCv(RidgeSettings.withAlphas(1)).fit(new double[][] {{1, 2}}, new double[][] {{3}}, 5));
        assertTrue(tooFew.getMessage().contains("at least 2 non-empty folds"), tooFew.getMessage());
        assertThrows(InsufficientDataException.class, () -> new NestedRidgeCv(RidgeSettings.defaults()).solve(new SufficientStats(2, 2)));
    }

    @Test
    void shouldOmitTheNestedScoreWhenTwoFoldsCannotHostAnInnerSearch() {
        TestProblems.Problem problem = TestProblems.linear(7, 20, 2, 2, 0);
        RidgeSolution several = new BatchRidgeCv(RidgeSettings.withAlphas(1, 10)).fit(problem.x(), problem.y(), 2);
        assertFalse(several.oof().isPresent());
        assertFalse(Double.isNaN(several.cvScore()[0]), "the final model is still cross-validated");
        RidgeSolution single = new BatchRidgeCv(RidgeSettings.withAlphas(1)).fit(problem.x(), problem.y(), 2);
        assertTrue(single.oof().isPresent());
    }

    private static void assertMatchesNaiveRefit(TestProblems.Problem problem, RidgeSettings settings, int folds, double tolerance) {
        RidgeSolution solution = new BatchRidgeCv(settings).fit(problem.x(), problem.y(), folds);
        double[] alphas = settings.alphas();
        java.util.List<int[]> foldRows = NaiveRidge.contiguousFolds(problem.n(), folds);
        double[][] naiveScores = NaiveRidge.cvScores(problem.x(), problem.y(), foldRows, alphas, settings.criterion(), true);
        assertClose(TestProblems.flatten(naiveScores), solution.cvScores(), 1e-6, "cv scores");
        NaiveRidge.Fit refit = NaiveRidge.fit(problem.x(), problem.y(), NaiveRidge.union(foldRows), solution.bestAlpha(), true);
        int p = problem.x()[0].length;
        for (int j = 0; j < problem.y()[0].length; j++) {
            assertClose(NaiveRidge.column(refit.coef(), j), TestProblems.voxelColumn(solution.coef(), p, j), tolerance, "coef of voxel " + j);
        }
        assertClose(refit.intercept(), solution.intercept(), tolerance, "intercept");
    }
}
