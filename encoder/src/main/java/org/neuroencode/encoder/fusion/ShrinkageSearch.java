package org.neuroencode.encoder.fusion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neuroencode.core.math.PairedMoments;
import org.neuroencode.encoder.ridge.RidgeSettings.Criterion;

/**
 * Chooses each voxel's relative shrinkage by K-fold cross-validation over the given folds: train on all
 * folds but g, score on g, average over g. NaN fold scores (a constant voxel) are left out of a mean; ties,
 * including all-NaN voxels, go to the largest shrinkage.
 */
final class ShrinkageSearch {

    private ShrinkageSearch() {
    }

    /** Non-empty folds a search over {@code settings} needs: two to cross-validate several values, one to fit a single value. */
    static int foldsNeeded(FusionSettings settings) {
        return settings.shrinkages().length > 1 ? 2 : 1;
    }

    /** @param folds at least {@link #foldsNeeded} non-empty folds of equal shape */
    static double[] choose(List<FusionStatistics> folds, FusionSettings settings) {
        double[] grid = settings.shrinkages();
        int voxels = folds.get(0).voxels();
        double[] chosen = new double[voxels];
        if (grid.length == 1) {
            Arrays.fill(chosen, grid[0]);
            return chosen;
        }
        double[][] sums = new double[grid.length][voxels];
        int[][] counts = new int[grid.length][voxels];
        for (int g = 0; g < folds.size(); g++) {
            List<FusionStatistics> others = new ArrayList<>(folds);
            FusionStatistics validation = others.remove(g);
            FusionStatistics training = FusionStatistics.sum(others);
            for (int s = 0; s < grid.length; s++) {
                double[] constant = new double[voxels];
                Arrays.fill(constant, grid[s]);
                double[] scores = score(FusionModel.fit(training, constant).evaluate(validation), settings.criterion());
                for (int j = 0; j < voxels; j++) {
                    if (!Double.isNaN(scores[j])) {
                        sums[s][j] += scores[j];
                        counts[s][j]++;
                    }
                }
            }
        }
        for (int j = 0; j < voxels; j++) {
            double best = Double.NEGATIVE_INFINITY;
            chosen[j] = grid[grid.length - 1];
            for (int s = 0; s < grid.length; s++) {
                double mean = counts[s][j] == 0 ? Double.NaN : sums[s][j] / counts[s][j];
                if (mean >= best) {
                    best = mean;
                    chosen[j] = grid[s];
                }
            }
        }
        return chosen;
    }

    private static double[] score(PairedMoments moments, Criterion criterion) {
        return criterion == Criterion.PEARSON ? moments.pearson() : moments.r2();
    }
}
