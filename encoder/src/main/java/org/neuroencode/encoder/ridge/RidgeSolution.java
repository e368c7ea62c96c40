package org.neuroencode.encoder.ridge;

import java.util.Optional;
import org.neuroencode.core.math.Finite;
import org.neuroencode.core.math.PairedMoments;

/**
 * A fitted per-voxel ridge model with its cross-validation record. Predictions are
 * ŷ_v = intercept_v + Σ_i x_i coef[i, v], with coefficients in the original (unstandardized) feature units.
 */
public final class RidgeSolution {

    private final RidgeSettings settings;
    private final int p;
    private final int v;
    private final int foldsUsed;
    private final double[] bestAlpha;
    private final double[] cvScore;
    private final double[] cvScores;
    private final double[] coef;
    private final double[] intercept;
    private final PairedMoments oof;
    private final PairedMoments oofWithinFolds;

    RidgeSolution(RidgeSettings settings, int p, int v, int foldsUsed, double[] bestAlpha, double[] cvScore, double[] cvScores,
            double[] coef, double[] intercept, PairedMoments oof, PairedMoments oofWithinFolds) {
        this.settings = settings;
        this.p = p;
        this.v = v;
        this.foldsUsed = foldsUsed;
        this.bestAlpha = bestAlpha;
        this.cvScore = cvScore;
        this.cvScores = cvScores;
        this.coef = coef;
        this.intercept = intercept;
        this.oof = oof;
        this.oofWithinFolds = oofWithinFolds;
    }

    /**
     * A solution from its coefficients (features × voxels) fitted about the training centers: the
     * intercept follows as centerY − centerXᵀ·coef, and the chosen alpha and its CV score per voxel.
     */
    static RidgeSolution assemble(RidgeSettings settings, int foldsUsed, int[] best, ScoreAverager cv, double[] coef,
            double[] centerX, double[] centerY, PairedMoments oof, PairedMoments oofWithinFolds) {
        double[] intercept = centerY.clone();
        subtractCenterProducts(centerX, coef, intercept, 0, centerY.length);
        return assemble(settings, foldsUsed, best, cv, coef, intercept, oof, oofWithinFolds);
    }

    /** The same with the intercepts already formed ({@link #subtractCenterProducts}). */
    static RidgeSolution assemble(RidgeSettings settings, int foldsUsed, int[] best, ScoreAverager cv, double[] coef, double[] intercept,
            PairedMoments oof, PairedMoments oofWithinFolds) {
        int p = coef.length / Math.max(1, intercept.length);
        int v = intercept.length;
        double[] alphas = settings.alphas();
        double[] bestAlpha = new double[v];
        double[] cvScore = new double[v];
        for (int j = 0; j < v; j++) {
            bestAlpha[j] = alphas[best[j]];
            cvScore[j] = cv.mean(best[j], j);
        }
        return new RidgeSolution(settings, p, v, foldsUsed, bestAlpha, cvScore, cv.means(), coef, intercept, oof,
                oofWithinFolds);
    }

    /**
     * intercept[j] −= Σ_i centerX[i]·coef[i·v + j] for voxels [from, from + width) of row-major p×v coefficients, i
     * ascending: the intercepts c_y − c_xᵀW, whoever forms them and in whatever voxel blocks, are the same.
     */
    static void subtractCenterProducts(double[] centerX, double[] coef, double[] intercept, int from, int width) {
        int v = intercept.length;
        for (int i = 0; i < centerX.length; i++) {
            subtractScaled(intercept, centerX[i], coef, i * v, from, width);
        }
    }

    /** target[from..from + width) −= scale · source[offset + from..]: the element loop in a method of its own, which the JIT compiles once. */
    private static void subtractScaled(double[] target, double scale, double[] source, int offset, int from, int width) {
        for (int j = from; j < from + width; j++) {
            target[j] -= scale * source[offset + j];
        }
    }

    public RidgeSettings settings() {
        return settings;
    }

    public int features() {
        return p;
    }

    public int voxels() {
        return v;
    }

    /** Non-empty folds the solution was cross-validated over. */
    public int foldsUsed() {
        return foldsUsed;
    }

    /** The alpha chosen for each voxel by K-fold CV over all folds. */
    public double[] bestAlpha() {
        return bestAlpha.clone();
    }

    /** Mean validation score at each voxel's best alpha; NaN when no fold could score the voxel. */
    public double[] cvScore() {
        return cvScore.clone();
    }

    /** Mean validation score per alpha (ascending, as in the settings) and voxel, row-major alphas×v. */
    public double[] cvScores() {
        return cvScores.clone();
    }

    /** Coefficients, row-major p×v. */
    public double[] coef() {
        return coef.clone();
    }

    public double coef(int feature, int voxel) {
        return coef[feature * v + voxel];
    }

    public double[] intercept() {
        return intercept.clone();
    }

    /**
     * Moments of the nested-CV out-of-fold (prediction, observation) pairs, pooled over outer folds: the honest
     * score is {@code oof().get().pearson()}. Empty when nested CV was impossible: several alphas and fewer
     * than three non-empty folds (early in a stream, for instance).
     */
    public Optional<PairedMoments> oof() {
        return Optional.ofNullable(oof).map(PairedMoments::copy);
    }

    /**
     * The same out-of-fold pairs pooled within outer folds: each fold's pairs about that fold's own means.
     * Pooled correlations over all folds carry a bias of about −sqrt((K−1)/n) from the fold-wise
     * intercepts (a held-out fold's prediction offset is the mean of the other folds, which moves against
     * the fold's own mean); pooling within folds removes it, so this is the score the evaluator reports.
     */
    public Optional<PairedMoments> oofWithinFolds() {
        return Optional.ofNullable(oofWithinFolds).map(PairedMoments::copy);
    }

    public double[] predict(double[] x) {
        double[] out = new double[v];
        predictInto(x, 1, out);
        return out;
    }

    /** Predicts {@code count} samples: {@code rows} is row-major count×p, {@code out} row-major count×v. */
    public void predictInto(double[] rows, int count, double[] out) {
        if ((long) count * p != rows.length || (long) count * v != out.length) {
            throw new IllegalArgumentException("predicting " + count + " rows needs " + count + "x" + p + " inputs and " + count + "x" + v
                    + " outputs, got " + rows.length + " and " + out.length);
        }
        Finite.requireFinite(rows, "x");
        for (int r = 0; r < count; r++) {
            int target = r * v;
            System.arraycopy(intercept, 0, out, target, v);
            for (int i = 0; i < p; i++) {
                double x = rows[r * p + i];
                if (x == 0) {
                    continue;
                }
                int source = i * v;
                for (int j = 0; j < v; j++) {
                    out[target + j] += x * coef[source + j];
                }
            }
        }
    }
}
