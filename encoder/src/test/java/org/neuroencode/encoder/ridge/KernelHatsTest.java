package org.neuroencode.encoder.ridge;

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

    @ParameterizedTest(name = "intercept={0}, n={1}, p={2}")
    @CsvSource({"true, 40, 60", "false, 40, 60", "true, 43, 43"})
    void shouldPredictEachFoldAsItsOwnTrainingSetDoes(boolean intercept, int n, int p) {
        TestProblems.Problem problem = TestProblems.linear(11, n, p, 3, 2.5);
        double[] alphas = {0.5, 20, 300};
        RidgeSettings settings = RidgeSettings.withAlphas(alphas).withFitIntercept(intercept);
        double[] center = intercept ? TestProblems.columnMeans(problem.x()) : new double[p];
        LinearAlgebra backend = LinearAlgebra.preferred();
        List<int[]> folds = NaiveRidge.contiguousFolds(n, 5);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (SampleRefit refit = SampleRefit.start(TestProblems.flatten(problem.x()), n, center, settings, backend, pool)) {
            SymmetricEigen kernel = refit.kernel();
            assertTrue(KernelHats.applies(kernel.values(), alphas));
            int start = 0;
            for (int f = 0; f < folds.size(); f++) {
                int[] fold = folds.get(f);
                int[] training = NaiveRidge.union(folds, f);
                try (KernelHats.FoldHat hat = KernelHats.foldHat(kernel, alphas, intercept, start, start + fold.length, backend)) {
                    double[] row = new double[training.length];
                    for (int a = 0; a < alphas.length; a++) {
                        double[][] expected = NaiveRidge.predictRows(NaiveRidge.fit(problem.x(), problem.y(), training, alphas[a], intercept),
                                problem.x(), fold);
                        for (int i = 0; i < fold.length; i++) {
                            hat.read(a * fold.length + i, row);
                            for (int j = 0; j < 3; j++) {
                                double predicted = 0;
                                for (int t = 0; t < training.length; t++) {
                                    predicted += row[t] * problem.y()[training[t]][j];
                                }
                                assertEquals(expected[i][j], predicted, 1e-9 * (1 + Math.abs(expected[i][j])),
                                        "fold " + f + ", alpha " + alphas[a] + ", row " + i + ", voxel " + j);
                            }
                        }
                    }
                }
                start += fold.length;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldServeOnlyGridsWhoseBlocksAreWellConditioned() {
        double[] eigenvalues = {0, 3, 1e6};
        assertTrue(KernelHats.applies(eigenvalues, new double[] {1e-2, 1e5}));
        assertFalse(KernelHats.applies(eigenvalues, new double[] {1e-3, 1e5}), "smallest alpha below 1e-8 of the largest eigenvalue");
        assertFalse(KernelHats.applies(eigenvalues, new double[] {0, 1}), "alpha 0 is a pseudo-inverse, which the identity does not give");
    }
}
