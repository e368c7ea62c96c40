package org.neuroencode.encoder.ridge;

/**
 * Means of fold scores per (alpha, voxel), and the per-voxel choice of alpha.
 *
 * <p>Failure policy: NaN fold scores are left out of a mean; a mean with no finite fold is NaN. The chosen
 * alpha maximizes the mean; ties, including a voxel whose every mean is NaN (e.g. a constant voxel), go to
 * the largest alpha, the most conservative fit.
 */
final class ScoreAverager {

    private final int alphas;
    private final int voxels;
    private final double[] sum;
    private final int[] count;

    ScoreAverager(int alphas, int voxels) {
        this.alphas = alphas;
        this.voxels = voxels;
        this.sum = new double[alphas * voxels];
        this.count = new int[alphas * voxels];
    }

    void add(int alpha, int voxel, double score) {
        accumulate(alpha * voxels + voxel, score);
    }

    /**
     * Adds every fold's scores (row-major alphas×voxels each) for voxels [from, from + width) only, folds in order: each
     * voxel's sums are those of {@link #add} over the same folds, whatever the ranges. Callers on several threads give
     * disjoint ranges.
     */
    void addFolds(double[][] folds, int from, int width) {
        for (double[] scores : folds) {
            if (scores.length != sum.length) {
                throw new IllegalArgumentException(scores.length + " scores for " + alphas + " alphas and " + voxels + " voxels");
            }
            for (int a = 0; a < alphas; a++) {
                for (int j = from; j < from + width; j++) {
                    accumulate(a * voxels + j, scores[a * voxels + j]);
                }
            }
        }
    }

    /** The failure policy's one place: a NaN score is left out of its mean. */
    private void accumulate(int index, double score) {
        if (!Double.isNaN(score)) {
            sum[index] += score;
            count[index]++;
        }
    }

    double mean(int alpha, int voxel) {
        int index = alpha * voxels + voxel;
        return count[index] == 0 ? Double.NaN : sum[index] / count[index];
    }

    /** Mean score per alpha and voxel, row-major alphas×voxels. */
    double[] means() {
        double[] means = new double[alphas * voxels];
        for (int a = 0; a < alphas; a++) {
            for (int j = 0; j < voxels; j++) {
                means[a * voxels + j] = mean(a, j);
            }
        }
        return means;
    }

    /** Index of the chosen alpha for each voxel. */
    int[] best() {
        int[] best = new int[voxels];
        chooseInto(best, 0, voxels);
        return best;
    }

    /** The chosen alpha's index for voxels [from, from + width), into {@code best}. */
    void chooseInto(int[] best, int from, int width) {
        for (int j = from; j < from + width; j++) {
            int chosen = alphas - 1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < alphas; a++) {
                double score = mean(a, j);
                if (score >= bestScore) {
                    bestScore = score;
                    chosen = a;
                }
            }
            best[j] = chosen;
        }
    }
}
