package org.neuroencode.encoder.fusion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Samples, and fusion recomputed from them with explicit loops: the reference the statistics-based fit must equal. */
final class FusionByHand {

    /** One stimulus: perLayer[l][j] is layer l's out-of-fold prediction of voxel j. */
    record Sample(double[][] perLayer, double[] observed) {
    }

    /** One voxel's fitted weights and intercept. */
    record VoxelFit(double[] weights, double intercept) {

        double predict(Sample sample, int voxel) {
            double prediction = intercept;
            for (int l = 0; l < weights.length; l++) {
                prediction += weights[l] * sample.perLayer()[l][voxel];
            }
            return prediction;
        }
    }

    private FusionByHand() {
    }

    /**
     * Folds of random samples: voxel j's observation is a signal, and layer l predicts it as
     * gain[l]·signal + noise[l]·ε on an offset of 100·l.
     */
    static List<List<Sample>> folds(long seed, int[] foldSizes, int voxels, double[] gain, double[] noise) {
        Random random = new Random(seed);
        List<List<Sample>> folds = new ArrayList<>();
        for (int size : foldSizes) {
            List<Sample> fold = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                double[] observed = new double[voxels];
                double[][] perLayer = new double[gain.length][voxels];
                for (int j = 0; j < voxels; j++) {
                    observed[j] = 5 + random.nextGaussian();
                    for (int l = 0; l < gain.length; l++) {
                        perLayer[l][j] = 100 * l + gain[l] * observed[j] + noise[l] * random.nextGaussian();
                    }
                }
                fold.add(new Sample(perLayer, observed));
            }
            folds.add(fold);
        }
        return folds;
    }

    static FusionStatistics[] statistics(List<List<Sample>> folds) {
        Sample first = folds.get(0).get(0);
        FusionStatistics[] stats = new FusionStatistics[folds.size()];
        for (int f = 0; f < stats.length; f++) {
            stats[f] = new FusionStatistics(first.perLayer().length, first.observed().length);
            for (Sample sample : folds.get(f)) {
                stats[f].add(sample.perLayer(), sample.observed());
            }
        }
        return stats;
    }

    static List<Sample> union(List<List<Sample>> folds) {
        return folds.stream().flatMap(List::stream).toList();
    }

    static <T> List<T> without(List<T> folds, int excluded) {
        List<T> others = new ArrayList<>(folds);
        others.remove(excluded);
        return others;
    }

    /** Least squares with ridge λ‖ω − 1/L‖², λ = s·trace(C)/L, ω ≥ 0, from sums over the samples. */
    static VoxelFit fit(List<Sample> samples, int voxel, double shrinkage) {
        int layers = samples.get(0).perLayer().length;
        double[] meanX = new double[layers];
        double meanY = 0;
        for (Sample sample : samples) {
            for (int l = 0; l < layers; l++) {
                meanX[l] += sample.perLayer()[l][voxel] / samples.size();
            }
            meanY += sample.observed()[voxel] / samples.size();
        }
        double[][] c = new double[layers][layers];
        double[] cy = new double[layers];
        for (Sample sample : samples) {
            for (int l = 0; l < layers; l++) {
                double dl = sample.perLayer()[l][voxel] - meanX[l];
                cy[l] += dl * (sample.observed()[voxel] - meanY);
                for (int m = 0; m < layers; m++) {
                    c[l][m] += dl * (sample.perLayer()[m][voxel] - meanX[m]);
                }
            }
        }
        double trace = 0;
        for (int l = 0; l < layers; l++) {
            trace += c[l][l];
        }
        double lambda = shrinkage * trace / layers;
        double[][] h = new double[layers][layers];
        double[] g = new double[layers];
        for (int l = 0; l < layers; l++) {
            h[l] = c[l].clone();
            h[l][l] += lambda;
            g[l] = cy[l] + lambda / layers;
        }
        double[] weights = BruteForceNonNegative.minimize(h, g);
        double intercept = meanY;
        for (int l = 0; l < layers; l++) {
            intercept -= weights[l] * meanX[l];
        }
        return new VoxelFit(weights, intercept);
    }

    static double r2(VoxelFit fit, List<Sample> samples, int voxel) {
        double mean = samples.stream().mapToDouble(sample -> sample.observed()[voxel]).average().orElseThrow();
        double sse = 0;
        double sst = 0;
        for (Sample sample : samples) {
            double residual = sample.observed()[voxel] - fit.predict(sample, voxel);
            sse += residual * residual;
            sst += (sample.observed()[voxel] - mean) * (sample.observed()[voxel] - mean);
        }
        return 1 - sse / sst;
    }

    /** K-fold CV over {@code folds} by R2; ties go to the largest shrinkage. */
    static double chooseShrinkage(List<List<Sample>> folds, int voxel, double[] grid) {
        double chosen = grid[grid.length - 1];
        double best = Double.NEGATIVE_INFINITY;
        for (double shrinkage : grid) {
            double sum = 0;
            for (int g = 0; g < folds.size(); g++) {
                sum += r2(fit(union(without(folds, g)), voxel, shrinkage), folds.get(g), voxel);
            }
            if (sum / folds.size() >= best) {
                best = sum / folds.size();
                chosen = shrinkage;
            }
        }
        return chosen;
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }
}
