package org.neuroencode.encoder.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuroencode.core.math.PairedMoments;
import org.neuroencode.core.math.Pearson;
import org.neuroencode.encoder.fusion.FusionByHand.Sample;
import org.neuroencode.encoder.fusion.FusionByHand.VoxelFit;
import org.neuroencode.encoder.ridge.InsufficientDataException;

class LayerFusionTest {

    @Test
    void shouldPutWeightOneOnTheLayerThatIsTheTruth() {
        // layer 2 predicts the observation exactly; the others are worse, correlated guesses
        List<List<Sample>> folds = FusionByHand.folds(1, new int[] {30, 30, 30, 30, 30}, 12, new double[] {0.5, 0.8, 1, 0.3},
                new double[] {1, 0.7, 0, 1});
        FusionSolution solution = LayerFusion.fit(FusionByHand.statistics(folds), FusionSettings.defaults());

        for (int j = 0; j < 12; j++) {
            assertEquals(1, solution.weight(2, j), 5e-3, "weight of the true layer, voxel " + j);
            for (int l : new int[] {0, 1, 3}) {
                assertEquals(0, solution.weight(l, j), 5e-3, "weight of layer " + l + ", voxel " + j);
            }
            assertEquals(-200, solution.intercept()[j], 0.5, "the true layer's offset is removed");
        }
        for (double r : solution.oof().orElseThrow().pearson()) {
            assertTrue(r > 0.999, "out-of-fold r " + r);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldEqualHandComputedNestedFusionOnATinyCase(boolean searchShrinkage) {
        // layer 2 is anti-correlated with the truth, so its non-negative weight is pinned at 0
        List<List<Sample>> folds = FusionByHand.folds(2, new int[] {5, 4, 6}, 2, new double[] {1, 0.4, -1}, new double[] {0.6, 0.3, 0.5});
        double[] grid = searchShrinkage ? new double[] {0.01, 0.3, 10} : new double[] {0.3};
        FusionSolution solution = LayerFusion.fit(FusionByHand.statistics(folds), FusionSettings.defaults().withShrinkages(grid));

        PairedMoments expectedOof = new PairedMoments(2);
        PairedMoments expectedWithinFolds = new PairedMoments(2);
        for (int f = 0; f < folds.size(); f++) {
            List<List<Sample>> inner = FusionByHand.without(folds, f);
            VoxelFit[] fits = new VoxelFit[2];
            for (int j = 0; j < 2; j++) {
                double shrinkage = searchShrinkage ? FusionByHand.chooseShrinkage(inner, j, grid) : grid[0];
                fits[j] = FusionByHand.fit(FusionByHand.union(inner), j, shrinkage);
            }
            PairedMoments fold = new PairedMoments(2);
            for (Sample sample : folds.get(f)) {
                fold.add(new double[] {fits[0].predict(sample, 0), fits[1].predict(sample, 1)}, sample.observed());
            }
            assertArrayEquals(fold.toMatrix(), solution.oofPerOuterFold().orElseThrow().get(f).toMatrix(), 1e-9, "outer fold " + f);
            expectedOof.merge(fold);
            expectedWithinFolds.merge(fold.centered());
        }
        assertArrayEquals(expectedOof.toMatrix(), solution.oof().orElseThrow().toMatrix(), 1e-9, "pooled out-of-fold moments");
        assertArrayEquals(expectedWithinFolds.toMatrix(), solution.oofWithinFolds().orElseThrow().toMatrix(), 1e-9, "pooled within folds");

        for (int j = 0; j < 2; j++) {
            double shrinkage = searchShrinkage ? FusionByHand.chooseShrinkage(folds, j, grid) : grid[0];
            VoxelFit expected = FusionByHand.fit(FusionByHand.union(folds), j, shrinkage);
            assertEquals(shrinkage, solution.shrinkage()[j], 0);
            for (int l = 0; l < 3; l++) {
                assertEquals(expected.weights()[l], solution.weight(l, j), 1e-10, "weight " + l + " of voxel " + j);
            }
            assertEquals(expected.intercept(), solution.intercept()[j], 1e-8, "intercept of voxel " + j);
            assertEquals(0, solution.weight(2, j), 0, "an anti-correlated layer gets no weight");
        }
    }

    @Test
    void shouldLearnEachOuterFoldOnlyFromTheInnerStatisticsItIsGiven() {
        List<List<Sample>> folds = FusionByHand.folds(8, new int[] {9, 9, 9}, 2, new double[] {1, 0.5}, new double[] {0.5, 0.5});
        FusionStatistics[] stats = FusionByHand.statistics(folds);
        // stand-ins for predictions on g by layer models trained on total − f − g: other samples altogether
        List<List<Sample>> strictlyNested = FusionByHand.folds(9, new int[] {7, 8, 6}, 2, new double[] {0.2, 1}, new double[] {0.5, 0.5});
        FusionStatistics[] inner = FusionByHand.statistics(strictlyNested);
        List<NestedFold> outerFolds = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            outerFolds.add(new NestedFold(FusionByHand.without(List.of(inner), f), stats[f]));
        }
        FusionSolution solution = LayerFusion.fit(stats, outerFolds, FusionSettings.defaults().withShrinkages(0.1));

        PairedMoments expectedOof = new PairedMoments(2);
        for (int f = 0; f < 3; f++) {
            List<Sample> training = FusionByHand.union(FusionByHand.without(strictlyNested, f));
            VoxelFit[] fits = {FusionByHand.fit(training, 0, 0.1), FusionByHand.fit(training, 1, 0.1)};
            for (Sample sample : folds.get(f)) {
                expectedOof.add(new double[] {fits[0].predict(sample, 0), fits[1].predict(sample, 1)}, sample.observed());
            }
        }
        assertArrayEquals(expectedOof.toMatrix(), solution.oof().orElseThrow().toMatrix(), 1e-9);
        VoxelFit finalFit = FusionByHand.fit(FusionByHand.union(folds), 1, 0.1);
        assertEquals(finalFit.weights()[1], solution.weight(1, 1), 1e-10, "the final weights come from the folds themselves");
    }

    @Test
    void shouldKeepTheNestedScoreOfPureNoiseLayersAtChance() {
        int voxels = 300;
        int n = 5 * 24;
        List<List<Sample>> folds = FusionByHand.folds(3, new int[] {24, 24, 24, 24, 24}, voxels, new double[8], filled(8, 1));
        FusionStatistics[] stats = FusionByHand.statistics(folds);
        FusionSettings settings = FusionSettings.defaults().withShrinkages(1e-3);

        FusionSolution solution = LayerFusion.fit(stats, settings);
        double meanOfFoldScores = meanOfFoldScores(solution);
        // the same fit, scored on folds that also trained the weights: what a leak would report
        List<NestedFold> leaky = new ArrayList<>();
        for (FusionStatistics fold : stats) {
            leaky.add(new NestedFold(List.of(stats), fold));
        }
        FusionSolution leakySolution = LayerFusion.fit(stats, leaky, settings);

        // voxels and folds are independent here: the mean of 5 × 300 null fold correlations has standard error 1/√(n·v)
        double standardError = 1 / Math.sqrt((double) n * voxels);
        assertTrue(Math.abs(meanOfFoldScores) < 4 * standardError, "nested mean fold r " + meanOfFoldScores + " (SE " + standardError + ")");
        // pooled correlations are biased below 0 under the null (see FusionSolution#oofPerOuterFold): chance is one-sided
        double withinFolds = FusionByHand.mean(solution.oofWithinFolds().orElseThrow().pearson());
        double pooled = FusionByHand.mean(solution.oof().orElseThrow().pearson());
        assertTrue(withinFolds < 4 * standardError && pooled < 4 * standardError, "nested pooled mean r " + withinFolds + ", " + pooled);

        double leaked = meanOfFoldScores(leakySolution);
        double leakedWithinFolds = FusionByHand.mean(leakySolution.oofWithinFolds().orElseThrow().pearson());
        assertTrue(leaked > 0.1 && leaked > meanOfFoldScores + 20 * standardError, "a leaky fit would report mean fold r " + leaked);
        assertTrue(leakedWithinFolds > 0.1, "and pooled mean r " + leakedWithinFolds);
    }

    @Test
    void shouldShrinkTowardsEqualWeights() {
        List<List<Sample>> folds = FusionByHand.folds(4, new int[] {10, 10, 10}, 3, new double[] {1, 0.2, 0}, new double[] {0.1, 1, 1});
        FusionSolution solution = LayerFusion.fit(FusionByHand.statistics(folds), FusionSettings.defaults().withShrinkages(1e9));
        for (double weight : solution.weights()) {
            assertEquals(1 / 3.0, weight, 1e-6);
        }
    }

    @Test
    void shouldPredictAsInterceptPlusWeightedLayers() {
        List<List<Sample>> folds = FusionByHand.folds(5, new int[] {12, 12, 12}, 4, new double[] {1, 0.5}, new double[] {0.5, 0.5});
        FusionSolution solution = LayerFusion.fit(FusionByHand.statistics(folds), FusionSettings.defaults());
        double[][] perLayer = {{1, 2, 3, 4}, {-1, 0, 5, 2}};
        double[] fused = solution.predict(perLayer);
        for (int j = 0; j < 4; j++) {
            assertEquals(solution.intercept()[j] + solution.weight(0, j) * perLayer[0][j] + solution.weight(1, j) * perLayer[1][j], fused[j], 1e-12);
        }
        assertThrows(IllegalArgumentException.class, () -> solution.predict(new double[][] {{1, 2, 3, 4}}));
        assertThrows(IllegalArgumentException.class, () -> solution.predict(new double[][] {{1, 2, 3, Double.NaN}, {1, 2, 3, 4}}));
    }

    @Test
    void shouldGiveEqualWeightsWhenPredictionsAreConstant() {
        FusionStatistics[] stats = {new FusionStatistics(2, 1), new FusionStatistics(2, 1), new FusionStatistics(2, 1)};
        for (int i = 0; i < 9; i++) {
            stats[i % 3].add(new double[][] {{3}, {5}}, new double[] {i});
        }
        FusionSolution solution = LayerFusion.fit(stats, FusionSettings.defaults());
        assertArrayEquals(new double[] {0.5, 0.5}, solution.weights(), 0);
        assertArrayEquals(new double[] {4}, solution.predict(new double[][] {{3}, {5}}), 1e-12, "the fused prediction is the mean observation");
    }

    @Test
    void shouldOmitTheHonestScoreWhenTooFewFoldsToNest() {
        List<List<Sample>> folds = FusionByHand.folds(6, new int[] {8, 0, 8}, 2, new double[] {1, 0.5}, new double[] {0.5, 0.5});
        FusionStatistics[] stats = FusionByHand.statistics(folds);
        FusionSolution searched = LayerFusion.fit(stats, FusionSettings.defaults());
        assertFalse(searched.oof().isPresent(), "searching needs two inner folds");
        assertFalse(searched.oofWithinFolds().isPresent());
        assertEquals(16, LayerFusion.fit(stats, FusionSettings.defaults().withShrinkages(0.1)).oof().orElseThrow().count(0),
                "one inner fold suffices for a single shrinkage; the empty fold is skipped");
    }

    @Test
    void shouldRejectTooFewFoldsAndMismatchedShapes() {
        List<List<Sample>> folds = FusionByHand.folds(7, new int[] {8, 0}, 2, new double[] {1, 0.5}, new double[] {0.5, 0.5});
        assertThrows(InsufficientDataException.class, () -> LayerFusion.fit(FusionByHand.statistics(folds), FusionSettings.defaults()));
        assertThrows(InsufficientDataException.class, () -> LayerFusion.fit(new FusionStatistics[0], FusionSettings.defaults()));
        FusionStatistics[] mixed = {FusionByHand.statistics(folds)[0], new FusionStatistics(3, 2)};
        assertThrows(IllegalArgumentException.class, () -> LayerFusion.fit(mixed, FusionSettings.defaults()));
        assertThrows(IllegalArgumentException.class, () -> FusionSettings.defaults().withShrinkages(0));
        assertThrows(IllegalArgumentException.class, () -> FusionSettings.defaults().withShrinkages());
    }

    /** Mean over voxels and outer folds of each fold's own r; voxels whose fused prediction is constant in a fold have none. */
    private static double meanOfFoldScores(FusionSolution solution) {
        return Pearson.meanIgnoringNaN(solution.oofPerOuterFold().orElseThrow().stream()
                .flatMapToDouble(fold -> Arrays.stream(fold.pearson())).toArray());
    }

    private static double[] filled(int length, double value) {
        double[] values = new double[length];
        Arrays.fill(values, value);
        return values;
    }
}
