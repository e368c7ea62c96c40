package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroencode.encoder.ridge.TestProblems.assertClose;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neuroencode.core.math.PairedMoments;
import org.neuroencode.core.math.Pearson;

class NestedRidgeCvTest {

    private static final double[] ALPHAS = RidgeSettings.logSpaced(1e-2, 1e4, 7);

    @ParameterizedTest
    @EnumSource(RidgeSettings.Criterion.class)
    void shouldMatchNaiveNormalEquationsPerAlpha(RidgeSettings.Criterion criterion) {
        TestProblems.Problem problem = TestProblems.linear(11, 120, 10, 200, 0);
        RidgeSettings settings = RidgeSettings.withAlphas(ALPHAS).withCriterion(criterion);
        RidgeSolution solution = new BatchRidgeCv(settings).fit(problem.x(), problem.y(), 5);

        List<int[]> folds = NaiveRidge.contiguousFolds(problem.n(), 5);
        double[][] naiveScores = NaiveRidge.cvScores(problem.x(), problem.y(), folds, ALPHAS, criterion, true);
        assertClose(TestProblems.flatten(naiveScores), solution.cvScores(), 1e-8, "cv scores");

        int[] naiveBest = NaiveRidge.bestAlpha(naiveScores);
        double[] bestAlpha = solution.bestAlpha();
        int agree = 0;
        for (int j = 0; j < bestAlpha.length; j++) {
            if (bestAlpha[j] == ALPHAS[naiveBest[j]]) {
                agree++;
            }
        }
        assertTrue(agree >= 0.99 * bestAlpha.length, agree + " of " + bestAlpha.length + " voxels agree on alpha");

        NaiveRidge.Fit refit = NaiveRidge.fit(problem.x(), problem.y(), NaiveRidge.union(folds), bestAlpha, true);
        for (int j = 0; j < bestAlpha.length; j++) {
            assertClose(NaiveRidge.column(refit.coef(), j), TestProblems.voxelColumn(solution.coef(), 10, j), 1e-6, "coef of voxel " + j);
            assertEquals(naiveScores[indexOf(bestAlpha[j])][j], solution.cvScore()[j], 1e-8, "cv score of voxel " + j);
        }
        assertClose(refit.intercept(), solution.intercept(), 1e-6, "intercept");
        assertClose(refit.predict(problem.x()[3]), solution.predict(problem.x()[3]), 1e-9, "prediction");
    }

    @ParameterizedTest
    @EnumSource(RidgeSettings.Criterion.class)
    void shouldEqualOutOfFoldMomentsOfHandComputedNestedCv(RidgeSettings.Criterion criterion) {
        TestProblems.Problem problem = TestProblems.linear(5, 41, 4, 6, 3);
        double[] alphas = {0.1, 3, 100, 3000};
        RidgeSolution solution = new BatchRidgeCv(RidgeSettings.withAlphas(alphas).withCriterion(criterion)).fit(problem.x(), problem.y(), 4);

        double[][] x = problem.x();
        double[][] y = problem.y();
        List<int[]> folds = NaiveRidge.contiguousFolds(x.length, 4);
        double[][] oofPrediction = new double[x.length][];
        for (int f = 0; f < folds.size(); f++) {
            // inner CV over the other folds only: inner fold g trains on everything but f and g
            double[][] innerScores = new double[alphas.length][y[0].length];
            int[][] innerCounts = new int[alphas.length][y[0].length];
            for (int g = 0; g < folds.size(); g++) {
                if (g == f) {
                    continue;
                }
                for (int a = 0; a < alphas.length; a++) {
                    NaiveRidge.Fit fit = NaiveRidge.fit(x, y, NaiveRidge.union(folds, f, g), alphas[a], true);
                    double[][] predicted = NaiveRidge.predictRows(fit, x, folds.get(g));
                    for (int j = 0; j < y[0].length; j++) {
                        double score = NaiveRidge.score(criterion, NaiveRidge.column(y, folds.get(g), j), NaiveRidge.column(predicted, j));
                        innerScores[a][j] += score;
                        innerCounts[a][j]++;
                    }
                }
            }
            for (int a = 0; a < alphas.length; a++) {
                for (int j = 0; j < y[0].length; j++) {
                    innerScores[a][j] /= innerCounts[a][j];
                }
            }
            int[] chosen = NaiveRidge.bestAlpha(innerScores);
            double[] alphaPerVoxel = new double[y[0].length];
            for (int j = 0; j < alphaPerVoxel.length; j++) {
                alphaPerVoxel[j] = alphas[chosen[j]];
            }
            NaiveRidge.Fit outer = NaiveRidge.fit(x, y, NaiveRidge.union(folds, f), alphaPerVoxel, true);
            for (int r : folds.get(f)) {
                oofPrediction[r] = outer.predict(x[r]);
            }
        }
        PairedMoments expected = new PairedMoments(y[0].length);
        for (int r = 0; r < x.length; r++) {
            expected.add(oofPrediction[r], y[r]);
        }

        PairedMoments oof = solution.oof().orElseThrow();
        assertClose(expected.toMatrix(), oof.toMatrix(), 1e-8, "oof moments");
        for (int j = 0; j < y[0].length; j++) {
            double longWay = Pearson.pearson(NaiveRidge.column(oofPrediction, j), NaiveRidge.column(y, j));
            assertEquals(longWay, oof.pearson()[j], 1e-9, "pooled Pearson of voxel " + j);
        }
    }

    @Test
    void shouldMatchNaiveFitWithoutInterceptAndWithStandardization() {
        TestProblems.Problem problem = TestProblems.linear(21, 60, 6, 8, 2);
        double[][] x = problem.x();
        for (double[] row : x) {
            row[0] *= 1000;
        }
        RidgeSolution solution = new BatchRidgeCv(RidgeSettings.withAlphas(7).withFitIntercept(false).withStandardize(true)).fit(x, problem.y(), 3);

        // standardizing by the population std, then mapping back, equals ridge with penalty α·Σ σ_i² w_i²
        double[][] scaled = new double[x.length][6];
        double[] sd = new double[6];
        for (int i = 0; i < 6; i++) {
            double[] column = NaiveRidge.column(x, i);
            double mean = java.util.Arrays.stream(column).average().orElseThrow();
            sd[i] = Math.sqrt(java.util.Arrays.stream(column).map(c -> (c - mean) * (c - mean)).sum() / column.length);
            for (int r = 0; r < x.length; r++) {
                scaled[r][i] = x[r][i] / sd[i];
            }
        }
        NaiveRidge.Fit fit = NaiveRidge.fit(scaled, problem.y(), NaiveRidge.union(NaiveRidge.contiguousFolds(x.length, 1)), 7, false);
        for (int j = 0; j < 8; j++) {
            double[] expected = NaiveRidge.column(fit.coef(), j);
            for (int i = 0; i < 6; i++) {
                expected[i] /= sd[i];
            }
            assertClose(expected, TestProblems.voxelColumn(solution.coef(), 6, j), 1e-6, "coef of voxel " + j);
            assertEquals(0, solution.intercept()[j], 0);
        }
    }

    @Test
    void shouldDecomposeOncePerDistinctTrainingGram() {
        TestProblems.Problem problem = TestProblems.linear(3, 50, 5, 4, 0);
        CountingLinearAlgebra counting = new CountingLinearAlgebra(LinearAlgebra.preferred());
        new BatchRidgeCv(RidgeSettings.withAlphas(ALPHAS), counting).fit(problem.x(), problem.y(), 5);
        assertEquals(5 + 10 + 1, counting.eigendecompositions, "5 outer, 10 inner (total − f − g shared by f and g), 1 final");

        CountingLinearAlgebra single = new CountingLinearAlgebra(LinearAlgebra.preferred());
        new BatchRidgeCv(RidgeSettings.withAlphas(1), single).fit(problem.x(), problem.y(), 5);
        assertEquals(5 + 1, single.eigendecompositions, "a single alpha needs no inner search");
    }

    @Test
    void shouldNotDependOnTheVoxelBlockSize() {
        TestProblems.Problem problem = TestProblems.linear(8, 70, 7, 23, 0);
        RidgeSettings settings = RidgeSettings.withAlphas(ALPHAS).withCriterion(RidgeSettings.Criterion.PEARSON);
        RidgeSolution whole = new BatchRidgeCv(settings).fit(problem.x(), problem.y(), 5);
        RidgeSolution blocked = new BatchRidgeCv(settings.withVoxelBlockSize(4)).fit(problem.x(), problem.y(), 5);
        assertArrayEquals(whole.bestAlpha(), blocked.bestAlpha());
        assertClose(whole.coef(), blocked.coef(), 1e-12, "coef");
        assertClose(whole.cvScores(), blocked.cvScores(), 1e-12, "cv scores");
        assertClose(whole.oof().orElseThrow().toMatrix(), blocked.oof().orElseThrow().toMatrix(), 1e-12, "oof");
    }

    @Test
    void shouldPredictManyRowsAsOneAtATime() {
        TestProblems.Problem problem = TestProblems.linear(4, 30, 3, 5, 0);
        RidgeSolution solution = new BatchRidgeCv(RidgeSettings.withAlphas(1, 10)).fit(problem.x(), problem.y(), 3);
        double[] rows = TestProblems.flatten(new double[][] {problem.x()[0], problem.x()[1]});
        double[] out = new double[2 * 5];
        solution.predictInto(rows, 2, out);
        assertArrayEquals(solution.predict(problem.x()[1]), java.util.Arrays.copyOfRange(out, 5, 10), 1e-12);
    }

    private static int indexOf(double alpha) {
        for (int a = 0; a < ALPHAS.length; a++) {
            if (ALPHAS[a] == alpha) {
                return a;
            }
        }
        throw new AssertionError("alpha " + alpha + " is not on the grid");
    }

    /** Counts eigendecompositions while delegating all work. */
    static final class CountingLinearAlgebra implements LinearAlgebra {

        private final LinearAlgebra delegate;
        int eigendecompositions;

        CountingLinearAlgebra(LinearAlgebra delegate) {
            this.delegate = delegate;
        }

        @Override
        public Matrix allocate(int rows, int cols) {
            return delegate.allocate(rows, cols);
        }

        @Override
        public void gemm(boolean transposeA, boolean transposeB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
            delegate.gemm(transposeA, transposeB, alpha, a, b, beta, c);
        }

        @Override
        public SymmetricEigen symmetricEigen(Matrix symmetric) {
            eigendecompositions++;
            return delegate.symmetricEigen(symmetric);
        }

        @Override
        public String name() {
            return "counting " + delegate.name();
        }
    }
}
