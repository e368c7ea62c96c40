package org.neuroencode.encoder.ridge;

import org.neuroencode.core.math.Pearson;

/**
 * The validation moments of one fold for every alpha and every voxel of a block, and the scores they imply.
 *
 * <p>Failure policy: a voxel with zero observed variance on the fold scores NaN under both criteria, and a
 * zero prediction variance makes Pearson NaN; NaN fold scores are left out of cross-fold means.
 *
 * <p>A path of squared errors alone ({@link #ofSquaredErrors}) scores R² only: Pearson's r and the out-of-fold
 * moments need the prediction moments.
 */
final class AlphaPath {

    private final SufficientStats fold;
    private final double[] centerY;
    private final int from;
    private final int width;
    private final double[] meanShift;
    private final double[] sumPO;
    private final double[] sumPP;
    private final double[] squaredErrors;

    AlphaPath(SufficientStats fold, double[] centerY, int from, int width, double[] meanShift, double[] sumPO, double[] sumPP) {
        this(fold, centerY, from, width, meanShift, sumPO, sumPP, null);
    }

    private AlphaPath(SufficientStats fold, double[] centerY, int from, int width, double[] meanShift, double[] sumPO, double[] sumPP,
            double[] squaredErrors) {
        this.fold = fold;
        this.centerY = centerY;
        this.from = from;
        this.width = width;
        this.meanShift = meanShift;
        this.sumPO = sumPO;
        this.sumPP = sumPP;
        this.squaredErrors = squaredErrors;
    }

    /** The path of the fold's squared errors Σ(y − ŷ)², {@code sse[a · width + j]} for alpha a and voxel from + j. */
    static AlphaPath ofSquaredErrors(SufficientStats fold, int from, int width, double[] sse) {
        return new AlphaPath(fold, null, from, width, null, null, null, sse);
    }

    int alphas() {
        return (squaredErrors != null ? squaredErrors : sumPO).length / width;
    }

    double score(RidgeSettings.Criterion criterion, int alpha, int j) {
        double observedVariance = fold.cyyStorage()[from + j];
        if (!(observedVariance > 0)) {
            return Double.NaN;
        }
        if (squaredErrors != null) {
            if (criterion == RidgeSettings.Criterion.PEARSON) {
                throw new IllegalStateException("a path of squared errors scores R² only");
            }
            return 1 - squaredErrors[alpha * width + j] / observedVariance;
        }
        double coMoment = sumPO[alpha * width + j];
        double predictedVariance = predictedVariance(alpha, j);
        if (criterion == RidgeSettings.Criterion.PEARSON) {
            return Pearson.correlation(coMoment, predictedVariance, observedVariance);
        }
        double bias = fold.meanYStorage()[from + j] - predictedMean(alpha, j);
        double sse = observedVariance - 2 * coMoment + predictedVariance + fold.n() * bias * bias;
        return 1 - Math.max(0, sse) / observedVariance;
    }

    /** Adds this fold's score of every (alpha, voxel) to {@code scores}, whose column 0 is voxel {@code offset}. */
    void addScores(RidgeSettings.Criterion criterion, ScoreAverager scores, int offset) {
        for (int a = 0; a < alphas(); a++) {
            for (int j = 0; j < width; j++) {
                scores.add(a, offset + j, score(criterion, a, j));
            }
        }
    }

    /**
     * Writes this fold's score of every (alpha a, voxel j of the block) to {@code target[a · stride + offset + j]}: a
     * loop of its own rather than in the caller's task, which the JIT then compiled with the whole validation inlined.
     */
    void scoresInto(RidgeSettings.Criterion criterion, double[] target, int stride, int offset) {
        for (int a = 0; a < alphas(); a++) {
            for (int j = 0; j < width; j++) {
                target[a * stride + offset + j] = score(criterion, a, j);
            }
        }
    }

    /** Writes the (prediction, observation) moments at each voxel's chosen alpha into the fold-wide rows. */
    void writeMoments(int[] chosenAlpha, FoldMoments target) {
        if (squaredErrors != null) {
            throw new IllegalStateException("a path of squared errors holds no prediction moments");
        }
        for (int j = 0; j < width; j++) {
            int a = chosenAlpha[j];
            int voxel = from + j;
            target.set(voxel, predictedMean(a, j), fold.meanYStorage()[voxel], predictedVariance(a, j),
                    fold.cyyStorage()[voxel], sumPO[a * width + j]);
        }
    }

    private double predictedMean(int alpha, int j) {
        return centerY[from + j] + meanShift[alpha * width + j];
    }

    /** A quadratic form of a PSD matrix; rounding can make a zero come out a hair negative. */
    private double predictedVariance(int alpha, int j) {
        return Math.max(0, sumPP[alpha * width + j]);
    }
}
