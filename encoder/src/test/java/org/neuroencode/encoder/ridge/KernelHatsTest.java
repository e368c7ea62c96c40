package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The folds' hats from the whole kernel's decomposition ({@link KernelHats}) against ridge refitted on each training
 * set by the normal equations, and the grids the identity may serve.
 */
class KernelHatsTest {

    @ParameterizedTest(name = "intercept={0}, n={1}, p={2}, plain={3}, from the inverse={4}")
    @CsvSource({"true, 40, 60, false, false", "false, 40, 60, false, false", "true, 43, 43, false, false", "true, 43, 43, true, false",
            "false, 40, 60, true, false", "true, 40, 60, false, true", "false, 40, 60, false, true", "true, 43, 43, true, true"})
    void shouldPredictEachFoldAsItsOwnTrainingSetDoes(boolean intercept, int n, int p, boolean plain, boolean fromInverse) {
        TestProblems.Problem problem = TestProblems.linear(11, n, p, 3, 2.5);
        double[] alphas = {0.5, 20, 300};
        RidgeSettings settings = RidgeSettings.withAlphas(alphas).withFitIntercept(intercept);
        double[] center = intercept ? TestProblems.columnMeans(problem.x()) : new double[p];
        LinearAlgebra backend = plain ? new PlainJavaLinearAlgebra() : LinearAlgebra.preferred();
        List<int[]> folds = NaiveRidge.contiguousFolds(n, 5);
        KFolds bounds = KFolds.contiguous(n, 5);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (SampleRefit refit = SampleRefit.start(TestProblems.flatten(problem.x()), n, center, settings, backend, pool)) {
            SymmetricEigen kernel = refit.kernel();
            assertTrue(KernelHats.applies(kernel.values(), alphas));
            boolean[][] seen = new boolean[alphas.length][folds.size()];
            int[] handedOut = {0};
            KernelHats.FoldHatSink check = (a, f, before, after) -> {
                seen[a][f] = true;
                int[] fold = folds.get(f);
                int[] training = NaiveRidge.union(folds, f);
                assertEquals(fold[0], before.cols(), "columns before fold " + f);
                assertEquals(training.length, before.cols() + after.cols(), "training columns of fold " + f);
                double[][] expected = NaiveRidge.predictRows(NaiveRidge.fit(problem.x(), problem.y(), training, alphas[a], intercept), problem.x(), fold);
                for (int i = 0; i < fold.length; i++) {
                    for (int j = 0; j < 3; j++) {
                        double predicted = 0;
                        for (int t = 0; t < training.length; t++) {
                            double weight = t < before.cols() ? before.get(i, t) : after.get(i, t - before.cols());
                            predicted += weight * problem.y()[training[t]][j];
                        }
                        assertEquals(expected[i][j], predicted, 1e-9 * (1 + Math.abs(expected[i][j])),
                                "fold " + f + ", alpha " + alphas[a] + ", row " + i + ", voxel " + j);
                    }
                }
            };
            if (fromInverse) {
                KernelHats.foldHatsFromInverse(refit.kernelMatrix(), alphas, () -> handedOut[0]++, intercept, bounds, backend, check);
            } else {
                KernelHats.foldHats(kernel, alphas, () -> handedOut[0]++, intercept, bounds, backend, check);
            }
            for (int a = 0; a < alphas.length; a++) {
                for (int f = 0; f < folds.size(); f++) {
                    assertTrue(seen[a][f], "fold " + f + " at alpha " + alphas[a]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldBoundTheLargestEigenvalueAndServeFromTheInverseOnlyWellConditionedAlphas() {
        TestProblems.Problem problem = TestProblems.linear(5, 30, 45, 1, 1);
        LinearAlgebra backend = LinearAlgebra.preferred();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (SampleRefit refit = SampleRefit.start(TestProblems.flatten(problem.x()), 30, TestProblems.columnMeans(problem.x()),
                RidgeSettings.withAlphas(1), backend, pool)) {
            double bound = KernelHats.largestEigenvalueBound(refit.kernelMatrix(), backend);
            assertEquals(KernelHats.largestEigenvalueBound(refit.kernelMatrix(), new PlainJavaLinearAlgebra()), bound, 1e-13 * bound,
                    "both backends' Frobenius norms");
            double[] eigenvalues = refit.kernel().values();
            double largest = eigenvalues[eigenvalues.length - 1];
            assertTrue(bound >= largest && bound <= Math.sqrt(30) * largest, bound + " against the largest eigenvalue " + largest);
        } finally {
            pool.shutdownNow();
        }
        double limit = KernelHats.MAX_INVERSE_CONDITION;
        assertTrue(KernelHats.inverseServes(1, limit - 1), "condition number exactly at the limit");
        assertFalse(KernelHats.inverseServes(1, limit), "condition number just past the limit");
        assertFalse(KernelHats.inverseServes(0, 0), "alpha 0");
    }

    @Test
    void shouldHandEachAlphaOutOnceToTheOneRouteThatServesItLargestAndSmallestFirst() {
        double[] alphas = {1e-2, 1e3, 1, 1e5, 10};
        // bound 1e3: the inverse serves condition numbers (1e3 + α)/α ≤ 1e4, so α ≥ 1e3/9999: 1e5, 1e3, 10, 1
        KernelHats.AlphaSchedule schedule = new KernelHats.AlphaSchedule(alphas, 1e3);
        assertTrue(schedule.inverseServesAny());
        assertEquals(3, schedule.nextForInverse(), "largest first");
        assertEquals(0, schedule.nextForEigen(), "the one alpha the inverse does not serve");
        assertEquals(alphas.length, schedule.nextForEigen(), "the decomposition takes none that the inverse serves");
        assertEquals(1, schedule.nextForInverse());
        assertEquals(4, schedule.nextForInverse());
        assertEquals(2, schedule.nextForInverse());
        assertEquals(alphas.length, schedule.nextForInverse(), "nothing left");

        KernelHats.AlphaSchedule none = new KernelHats.AlphaSchedule(alphas, 1e9);
        assertFalse(none.inverseServesAny());
        assertEquals(alphas.length, none.nextForInverse(), "the inverse serves none");
        int[] order = {none.nextForEigen(), none.nextForEigen(), none.nextForEigen(), none.nextForEigen(), none.nextForEigen()};
        assertArrayEquals(new int[] {0, 2, 4, 1, 3}, order, "all of them, smallest first");
        assertEquals(alphas.length, none.nextForEigen());
    }

    @Test
    void shouldServeOnlyGridsWhoseBlocksAreWellConditioned() {
        double[] eigenvalues = {0, 3, 1e6};
        assertTrue(KernelHats.applies(eigenvalues, new double[] {1e-2, 1e5}));
        assertFalse(KernelHats.applies(eigenvalues, new double[] {1e-3, 1e5}), "smallest alpha below 1e-8 of the largest eigenvalue");
        assertFalse(KernelHats.applies(eigenvalues, new double[] {0, 1}), "alpha 0 is a pseudo-inverse, which the identity does not give");
    }
}
