package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuroencode.encoder.ridge.TestProblems.assertClose;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The batch fit in sample space ({@link SampleSpaceFolds}, {@link SampleRefit}) where every training set has fewer
 * samples than features, against the feature-space solver on the same fold statistics and the naive normal equations.
 */
class SampleSpaceFoldsTest {

    private static final double[] ALPHAS = RidgeSettings.logSpaced(1e-2, 1e5, 10);

    @ParameterizedTest(name = "n={0} p={1} {2} intercept={3} offset={4} duplicated={5}")
    @CsvSource({
        "50, 90, R2, true, 0, false",
        "50, 90, PEARSON, true, 0, false",
        "50, 90, R2, false, 0, false",
        "52, 70, R2, true, 1e6, false",
        "50, 90, R2, true, 0, true",
        "50, 90, R2, false, 3, true",
    })
    void shouldMatchTheFeatureSpaceSolver(int n, int p, RidgeSettings.Criterion criterion, boolean intercept, double offset, boolean duplicated) {
        TestProblems.Problem problem = problem(n, p, 24, offset, duplicated);
        RidgeSettings settings = RidgeSettings.withAlphas(ALPHAS).withCriterion(criterion).withFitIntercept(intercept).withVoxelBlockSize(10);
        KFolds folds = KFolds.contiguous(n, 5);
        assertTrue(SampleSpaceFolds.applies(n, p, folds, settings));
        LinearAlgebra backend = LinearAlgebra.preferred();
        RidgeSolution features = new KFoldRidgeCv(settings, backend).solve(BatchRidgeCv.foldStats(problem.x(), problem.y(), folds));
        RidgeSolution samples = new KFoldRidgeCv(settings, backend).fitRows(TestProblems.flatten(problem.x()), TestProblems.flatten(problem.y()), n, folds);
        assertArrayEquals(features.bestAlpha(), samples.bestAlpha(), "best alphas");
        assertClose(features.cvScores(), samples.cvScores(), 1e-8, "cv scores");
        assertClose(features.coef(), samples.coef(), 1e-8, "coefficients");
        assertClose(features.intercept(), samples.intercept(), 1e-8, "intercepts");

        double[][] naive = NaiveRidge.cvScores(problem.x(), problem.y(), NaiveRidge.contiguousFolds(n, 5), ALPHAS, criterion, intercept);
        assertClose(TestProblems.flatten(naive), samples.cvScores(), 1e-7, "cv scores against the normal equations");
    }

    @Test
    void shouldSolveAlphaZeroAndTinyAlphasThroughTheEigenbasis() {
        // alpha 0 is the minimum-norm least squares fit (pseudo-inverse); 1e-13 sits below the tolerance times trace G
        int n = 40;
        int p = 60;
        TestProblems.Problem problem = problem(n, p, 6, 0, true);
        RidgeSettings settings = RidgeSettings.withAlphas(0, 1e-13, 1);
        KFolds folds = KFolds.contiguous(n, 4);
        for (LinearAlgebra backend : new LinearAlgebra[] {LinearAlgebra.preferred(), new PlainJavaLinearAlgebra()}) {
            RidgeSolution features = new KFoldRidgeCv(settings, backend).solve(BatchRidgeCv.foldStats(problem.x(), problem.y(), folds));
            RidgeSolution samples = new KFoldRidgeCv(settings, backend).fitRows(TestProblems.flatten(problem.x()), TestProblems.flatten(problem.y()), n, folds);
            assertArrayEquals(features.bestAlpha(), samples.bestAlpha(), backend.name() + ": best alphas");
            assertClose(features.coef(), samples.coef(), 1e-7, backend.name() + ": coefficients");
            assertClose(features.cvScores(), samples.cvScores(), 1e-7, backend.name() + ": cv scores");
        }
    }

    @ParameterizedTest(name = "n={0}, p={1}")
    @CsvSource({"30, 45", "50, 45"})
    void shouldRefitAsTheNormalEquations(int n, int p) {
        // 1,100 voxels: alpha 20 serves 1,072 of them (through its map, formed once), alpha 0.5 the other 28
        // (through the factors); n ≤ p decomposes the kernel, n > p the Gram
        int v = 1100;
        TestProblems.Problem problem = problem(n, p, v, 100, false);
        RidgeSettings settings = RidgeSettings.withAlphas(0.5, 20);
        int[] best = new int[v];
        for (int j = 0; j < v; j++) {
            best[j] = j % 40 == 0 ? 0 : 1;
        }
        double[] centerY = TestProblems.columnMeans(problem.y());
        double[] coef = refit(problem, TestProblems.columnMeans(problem.x()), centerY, centerY, best, settings);
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        double[] alphaPerVoxel = java.util.Arrays.stream(best).mapToDouble(a -> settings.alphas()[a]).toArray();
        NaiveRidge.Fit naive = NaiveRidge.fit(problem.x(), problem.y(), all, alphaPerVoxel, true);
        for (int j = 0; j < best.length; j += 5) {
            double[] expected = new double[p];
            for (int i = 0; i < p; i++) {
                expected[i] = naive.coef()[i][j];
            }
            assertClose(expected, TestProblems.voxelColumn(coef, p, j), 1e-9, "voxel " + j);
        }
    }

    @ParameterizedTest(name = "intercept={0}, n={1}, p={2}")
    @CsvSource({"true, 30, 45", "false, 30, 45", "true, 50, 45", "false, 50, 45"})
    void shouldRefitInSinglePrecisionAboutTheSamplesMeans(boolean intercept, int n, int p) {
        // responses on an offset of 1000: rounded to float about zero (the no-intercept center) they would lose
        // about three digits more than about their means; n ≤ p decomposes the kernel, n > p the Gram. Every voxel
        // at alpha 20 but one in eleven at 0.5, so that the voxels of a block are scaled by different alphas
        int v = 1100;
        TestProblems.Problem problem = problem(n, p, v, 100, false);
        for (double[] row : problem.y()) {
            for (int j = 0; j < v; j++) {
                row[j] += 1000;
            }
        }
        RidgeSettings settings = RidgeSettings.withAlphas(0.5, 20).withFitIntercept(intercept).withPrecision(RidgeSettings.Precision.MIXED);
        int[] best = new int[v];
        for (int j = 0; j < v; j++) {
            best[j] = j % 11 == 3 ? 0 : 1;
        }
        double[] means = TestProblems.columnMeans(problem.y());
        double[] centerX = intercept ? TestProblems.columnMeans(problem.x()) : new double[p];
        double[] centerY = intercept ? means : new double[v];
        double[] coef = refit(problem, centerX, centerY, means, best, settings);
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        double[] alphaPerVoxel = java.util.Arrays.stream(best).mapToDouble(a -> settings.alphas()[a]).toArray();
        NaiveRidge.Fit naive = NaiveRidge.fit(problem.x(), problem.y(), all, alphaPerVoxel, intercept);
        double worst = 0;
        for (int j = 0; j < v; j += 5) {
            double scale = 0;
            double gap = 0;
            for (int i = 0; i < p; i++) {
                scale = Math.max(scale, Math.abs(naive.coef()[i][j]));
                gap = Math.max(gap, Math.abs(naive.coef()[i][j] - coef[i * v + j]));
            }
            worst = Math.max(worst, gap / scale);
        }
        assertTrue(worst < 1e-5, "float refit off by " + worst + " of a voxel's largest coefficient");
        assertTrue(worst > 0, "the float product must actually have run");
    }

    /** SampleRefit's coefficients on its own pool. */
    private static double[] refit(TestProblems.Problem problem, double[] centerX, double[] centerY, double[] sampleMean, int[] best,
            RidgeSettings settings) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (SampleRefit refit = SampleRefit.start(TestProblems.flatten(problem.x()), problem.x().length, centerX, settings,
                LinearAlgebra.preferred(), pool)) {
            double[] y = TestProblems.flatten(problem.y());
            if (settings.precision() != RidgeSettings.Precision.MIXED) {
                return refit.coefficients(y, centerY, best, settings, pool);
            }
            try (ValidationPair.SingleResponses single = ValidationPair.SingleResponses.of(y, problem.y().length, sampleMean, LinearAlgebra.preferred())) {
                // voxel blocks of 300 on the pool's two threads, the last one narrower
                SampleRefit.SingleBlocks blocks = refit.singleBlocks(single, centerX, centerY, settings);
                assertThrows(IllegalStateException.class, () -> blocks.solve(0, 1, best), "a block before the factors are started");
                refit.startFactors();
                List<java.util.concurrent.Future<?>> solved = new ArrayList<>();
                for (int from = 0; from < best.length; from += 300) {
                    int start = from;
                    solved.add(pool.submit(() -> blocks.solve(start, Math.min(300, best.length - start), best)));
                }
                solved.forEach(Tasks::get);
                double[] expected = centerY.clone();
                RidgeSolution.subtractCenterProducts(centerX, blocks.coef(), expected, 0, centerY.length);
                assertArrayEquals(expected, blocks.intercept(), "intercepts formed block by block");
                return blocks.coef();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldScoreAConstantVoxelNaNWithZeroCoefficientsInBothPrecisions() {
        int n = 40;
        int p = 70;
        TestProblems.Problem problem = problem(n, p, 3, 0, false);
        for (double[] row : problem.y()) {
            row[1] = 4.25;
        }
        for (RidgeSettings.Precision precision : RidgeSettings.Precision.values()) {
            RidgeSettings settings = RidgeSettings.withAlphas(1, 10, 100).withPrecision(precision);
            RidgeSolution solution = new KFoldRidgeCv(settings, LinearAlgebra.preferred())
                    .fitRows(TestProblems.flatten(problem.x()), TestProblems.flatten(problem.y()), n, KFolds.contiguous(n, 4));
            assertEquals(100, solution.bestAlpha()[1], 0, precision + ": ties (all NaN) go to the largest alpha");
            assertTrue(Double.isNaN(solution.cvScore()[1]), precision + ": cv score");
            assertFalse(Double.isNaN(solution.cvScore()[0]), precision + ": the other voxels are scored");
            for (int i = 0; i < p; i++) {
                assertEquals(0, solution.coef(i, 1), 1e-12, precision + ": coefficient " + i);
            }
            assertEquals(4.25, solution.intercept()[1], 1e-12, precision + ": intercept");
        }
    }

    @Test
    void shouldRejectNaNRowsNamingTheColumn() {
        TestProblems.Problem problem = problem(30, 50, 2, 0, false);
        double[] x = TestProblems.flatten(problem.x());
        double[] y = TestProblems.flatten(problem.y());
        y[17 * 2 + 1] = Double.NaN;
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new KFoldRidgeCv(RidgeSettings.withAlphas(ALPHAS),
                LinearAlgebra.preferred()).fitRows(x, y, 30, KFolds.contiguous(30, 5)));
        assertTrue(error.getMessage().contains("y column 1"), error.getMessage());
    }

    @Test
    void shouldStayInFeatureSpaceWhereTheKernelDoesNotServe() {
        RidgeSettings settings = RidgeSettings.withAlphas(ALPHAS);
        assertFalse(SampleSpaceFolds.applies(50, 40, KFolds.contiguous(50, 5), settings), "training sets larger than p");
        assertFalse(SampleSpaceFolds.applies(50, 90, KFolds.contiguous(50, 5), settings.withStandardize(true)), "standardization");
        assertFalse(SampleSpaceFolds.applies(3, 90, KFolds.contiguous(3, 5), settings), "empty folds");
        assertTrue(SampleSpaceFolds.applies(50, 41, KFolds.contiguous(50, 5), settings), "training sets of 40 < 41 features");
    }

    @ParameterizedTest(name = "intercept={0}, smallest alpha {1}, {2}")
    @CsvSource({"true, 1e-2, R2", "false, 1e-2, R2", "true, 0, R2", "false, 0, R2", "true, 1e-2, PEARSON", "false, 0, PEARSON"})
    void shouldAgreeWithDoubleToSinglePrecisionWhenMixed(boolean intercept, double smallestAlpha, RidgeSettings.Criterion criterion) {
        int n = 200;
        int p = 260;
        // responses ride on an offset of 5: without an intercept the float copy's centering is undone in double.
        // From 1e-2 the folds' hats come from the whole kernel (KernelHats); alpha 0 needs the folds' own decompositions
        TestProblems.Problem problem = problem(n, p, 300, 0, false);
        double[] alphas = ALPHAS.clone();
        alphas[0] = smallestAlpha;
        // R² scores from each alpha's squared errors, Pearson's r from the prediction moments (PredictedFold)
        RidgeSettings settings = RidgeSettings.withAlphas(alphas).withVoxelBlockSize(64).withFitIntercept(intercept).withCriterion(criterion);
        double[] x = TestProblems.flatten(problem.x());
        double[] y = TestProblems.flatten(problem.y());
        KFolds folds = KFolds.contiguous(n, 5);
        RidgeSolution exact = new KFoldRidgeCv(settings, LinearAlgebra.preferred()).fitRows(x, y, n, folds);
        RidgeSolution mixed = new KFoldRidgeCv(settings.withPrecision(RidgeSettings.Precision.MIXED), LinearAlgebra.preferred()).fitRows(x, y, n, folds);
        double[] exactAlphas = exact.bestAlpha();
        double[] mixedAlphas = mixed.bestAlpha();
        int equal = 0;
        for (int j = 0; j < exactAlphas.length; j++) {
            equal += exactAlphas[j] == mixedAlphas[j] ? 1 : 0;
        }
        assertTrue(equal >= 0.99 * exactAlphas.length, equal + " of " + exactAlphas.length + " alphas equal");
        double[] exactScores = exact.cvScores();
        double[] mixedScores = mixed.cvScores();
        double largest = 0;
        for (int i = 0; i < exactScores.length; i++) {
            largest = Math.max(largest, Math.abs(exactScores[i] - mixedScores[i]));
        }
        assertTrue(largest < 1e-5, "scores differ by " + largest);
        assertTrue(largest > 0, "single precision must actually have run");
        // the refit's float product rounds the responses about their means, whatever the intercept
        double[] exactCoef = exact.coef();
        double[] mixedCoef = mixed.coef();
        double scale = 0;
        double coefficientGap = 0;
        for (int i = 0; i < exactCoef.length; i++) {
            scale = Math.max(scale, Math.abs(exactCoef[i]));
            coefficientGap = Math.max(coefficientGap, Math.abs(exactCoef[i] - mixedCoef[i]));
        }
        assertTrue(coefficientGap <= 2e-6 * scale, "coefficients differ by " + coefficientGap / scale + " of the largest");
        // in mixed precision the intercepts are formed block by block as the blocks are refit
        assertClose(exact.intercept(), mixed.intercept(), 1e-5, "intercepts");
    }

    @Test
    void shouldScoreEachVoxelAlikeWhateverItsVoxelBlockWhenMixed() {
        // a fold's prediction moments are reused from block to block, across blocks of different widths: whatever
        // a block left in them must not reach the next one's scores (which differ only by the float products'
        // rounding, which OpenBLAS does in another order for narrow blocks)
        RidgeSolution whole = mixedKernelFit(75, 75, 2);
        for (int block : new int[] {4, 16, 40}) {
            RidgeSolution blocked = mixedKernelFit(75, block, 2);
            assertArrayEquals(whole.bestAlpha(), blocked.bestAlpha(), "blocks of " + block);
            assertArrayEquals(whole.cvScores(), blocked.cvScores(), 1e-6, "blocks of " + block);
        }
    }

    @Test
    void shouldGiveTheSameMixedKernelFitWhateverTheNumberOfWorkers() {
        // each alpha's hats take one route however the workers meet them (one worker would leave OpenBLAS its own
        // threads, which round differently)
        int oneBlock = RidgeSettings.withAlphas(ALPHAS).voxelBlockSize();
        RidgeSolution two = mixedKernelFit(40, oneBlock, 2);
        for (int workers = 3; workers <= 5; workers++) {
            RidgeSolution more = mixedKernelFit(40, oneBlock, workers);
            assertArrayEquals(two.bestAlpha(), more.bestAlpha());
            assertArrayEquals(two.cvScores(), more.cvScores(), workers + " workers");
            assertArrayEquals(two.coef(), more.coef());
        }
    }

    /** A mixed-precision fit of a 120×150 problem (the folds' hats from the whole kernel) with {@code voxels} voxels. */
    private static RidgeSolution mixedKernelFit(int voxels, int voxelBlock, int workers) {
        int n = 120;
        TestProblems.Problem problem = problem(n, 150, voxels, 0, false);
        RidgeSettings settings = RidgeSettings.withAlphas(ALPHAS).withPrecision(RidgeSettings.Precision.MIXED).withVoxelBlockSize(voxelBlock);
        return new KFoldRidgeCv(settings, LinearAlgebra.preferred(), workers)
                .fitRows(TestProblems.flatten(problem.x()), TestProblems.flatten(problem.y()), n, KFolds.contiguous(n, 5));
    }

    @Test
    void shouldRefuseCoMomentsOfMomentsOnlyStatistics() {
        TestProblems.Problem problem = problem(20, 4, 3, 1e3, false);
        double[] x = TestProblems.flatten(problem.x());
        double[] y = TestProblems.flatten(problem.y());
        SufficientStats full = SufficientStats.ofRows(x, y, 4, 3, 5, 17, LinearAlgebra.preferred());
        SufficientStats moments = SufficientStats.momentsOfRows(x, y, 4, 3, 5, 17);
        assertEquals(full.n(), moments.n());
        assertArrayEquals(full.meanX(), moments.meanX(), 0);
        assertArrayEquals(full.meanY(), moments.meanY(), 0);
        assertArrayEquals(full.cyy(), moments.cyy(), 0);
        assertFalse(moments.hasCoMoments());
        assertThrows(IllegalStateException.class, moments::cxy);
        assertThrows(IllegalStateException.class, moments::toBytes);
        assertThrows(IllegalStateException.class, () -> full.plus(moments));
        assertThrows(IllegalStateException.class, () -> moments.add(problem.x()[0], problem.y()[0]));
    }

    /** A linear problem; with {@code duplicated}, the second half of the features repeats the first (rank-deficient X). */
    private static TestProblems.Problem problem(int n, int p, int v, double offset, boolean duplicated) {
        TestProblems.Problem problem = TestProblems.linear(n * 31L + p, n, p, v, offset);
        if (duplicated) {
            for (double[] row : problem.x()) {
                for (int i = p / 2; i < p; i++) {
                    row[i] = row[i - p / 2];
                }
            }
        }
        return problem;
    }
}
