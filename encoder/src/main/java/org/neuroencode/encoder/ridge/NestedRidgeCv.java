package org.neuroencode.encoder.ridge;

import java.util.ArrayList;
import java.util.List;
import org.neuroencode.core.math.PairedMoments;

/**
 * Ridge regression with a per-voxel alpha, cross-validated entirely from per-fold {@link SufficientStats}.
 *
 * <ul>
 *   <li><b>Final model.</b> K-fold CV over all folds (train on total − f, validate on f, criterion averaged
 *       over folds) picks each voxel's alpha; the coefficients are then refit on the total.</li>
 *   <li><b>Honest score.</b> Nested CV: for each outer fold f, inner CV over the other folds (train on
 *       total − f − g, validate on g) picks the alpha, the model fit on total − f at that alpha is evaluated
 *       on f, and the out-of-fold (prediction, observation) moments are pooled over the outer folds.</li>
 * </ul>
 *
 * <p>Failure policy: empty folds are skipped; fewer than two non-empty folds throws
 * {@link InsufficientDataException}; nested CV needs three non-empty folds when there are several alphas
 * (two suffice for a single alpha), otherwise {@link RidgeSolution#oof()} is empty. Rank-deficient and
 * n &lt; p training sets are fine for alpha &gt; 0 and use the pseudo-inverse for alpha 0. Voxels with no
 * validation variance score NaN and take the largest alpha.
 */
public final class NestedRidgeCv {

    private final RidgeSettings settings;
    private final LinearAlgebra linearAlgebra;

    public NestedRidgeCv(RidgeSettings settings) {
        this(settings, LinearAlgebra.preferred());
    }

    public NestedRidgeCv(RidgeSettings settings, LinearAlgebra linearAlgebra) {
        this.settings = settings;
        this.linearAlgebra = linearAlgebra;
    }

    /**
     * @param folds per-fold statistics of equal shape; empty folds are skipped
     * @throws InsufficientDataException if fewer than two folds hold samples
     */
    public RidgeSolution solve(SufficientStats... folds) {
        return solve(folds, true);
    }

    /**
     * K-fold CV and the refit only, without the nested-CV score: {@link RidgeSolution#oof()} is empty. The chosen
     * alphas, CV scores and coefficients equal those of {@link #solve}, at a fraction of the cost for several
     * alphas (no inner training sets), which is what a batch fit that reports the K-fold CV score needs.
     *
     * @throws InsufficientDataException if fewer than two folds hold samples
     */
    public RidgeSolution solveCv(SufficientStats... folds) {
        return new KFoldRidgeCv(settings, linearAlgebra).solve(folds);
    }

    private RidgeSolution solve(SufficientStats[] folds, boolean nestedScore) {
        List<SufficientStats> used = nonEmpty(folds);
        int k = used.size();
        int v = used.get(0).voxels();
        boolean searchAlpha = settings.alphas().length > 1;
        boolean nested = nestedScore && (!searchAlpha || k >= 3);
        ScoreAverager cv = new ScoreAverager(settings.alphas().length, v);
        PairedMoments oof = nested ? new PairedMoments(v) : null;
        PairedMoments oofWithinFolds = nested ? new PairedMoments(v) : null;
        try (BasisCache bases = new BasisCache(used, settings, linearAlgebra)) {
            declareUses(bases, k, nested && searchAlpha);
            for (int f = 0; f < k; f++) {
                FoldMoments outOfFold = evaluateOuterFold(bases, used, f, nested, searchAlpha, cv);
                if (nested) {
                    PairedMoments foldMoments = outOfFold.toPairedMoments();
                    oof.merge(foldMoments);
                    oofWithinFolds.merge(foldMoments.centered());
                }
                bases.releaseSpent();
            }
            return refit(bases.excluding(), cv.best(), cv, oof, oofWithinFolds, k);
        }
    }

    /**
     * Validates the model trained on total − f on fold f for every alpha (adding to the standard CV scores) and,
     * when nested, records fold f's out-of-fold moments at the alphas chosen by inner CV over the other folds.
     */
    private FoldMoments evaluateOuterFold(BasisCache bases, List<SufficientStats> used, int f, boolean nested, boolean searchAlpha,
            ScoreAverager cv) {
        int v = used.get(f).voxels();
        FoldMoments outOfFold = nested ? new FoldMoments(used.get(f).n(), v) : null;
        List<ValidationPair> inner = new ArrayList<>();
        try (ValidationPair outer = new ValidationPair(bases.excluding(f), used.get(f), linearAlgebra)) {
            for (int g = 0; g < used.size() && nested && searchAlpha; g++) {
                if (g != f) {
                    inner.add(new ValidationPair(bases.excluding(f, g), used.get(g), linearAlgebra));
                }
            }
            for (int from = 0; from < v; from += settings.voxelBlockSize()) {
                int width = Math.min(settings.voxelBlockSize(), v - from);
                AlphaPath path = outer.evaluate(from, width);
                path.addScores(settings.criterion(), cv, from);
                if (nested) {
                    path.writeMoments(chooseByInnerCv(inner, from, width), outOfFold);
                }
            }
        } finally {
            inner.forEach(ValidationPair::close);
        }
        return outOfFold;
    }

    private int[] chooseByInnerCv(List<ValidationPair> inner, int from, int width) {
        int alphas = settings.alphas().length;
        ScoreAverager scores = new ScoreAverager(alphas, width);
        for (ValidationPair pair : inner) {
            pair.evaluate(from, width).addScores(settings.criterion(), scores, 0);
        }
        // with a single alpha there is nothing to choose and no inner pairs: index 0 everywhere
        return inner.isEmpty() ? new int[width] : scores.best();
    }

    private RidgeSolution refit(EigenBasis total, int[] best, ScoreAverager cv, PairedMoments oof,
            PairedMoments oofWithinFolds, int foldsUsed) {
        TrainingSet training = total.training();
        int p = training.features();
        int v = training.voxels();
        double[] coef = new double[p * v];
        for (int from = 0; from < v; from += settings.voxelBlockSize()) {
            total.coefficientsInto(best, from, Math.min(settings.voxelBlockSize(), v - from), coef);
        }
        return RidgeSolution.assemble(settings, foldsUsed, best, cv, coef, training.centerX(), training.centerY(), oof,
                oofWithinFolds);
    }

    private static void declareUses(BasisCache bases, int k, boolean innerCv) {
        bases.expectUse();
        for (int f = 0; f < k; f++) {
            bases.expectUse(f);
            for (int g = f + 1; g < k && innerCv; g++) {
                bases.expectUse(f, g);
                bases.expectUse(f, g);
            }
        }
    }

    static List<SufficientStats> nonEmpty(SufficientStats[] folds) {
        if (folds.length == 0) {
            throw new InsufficientDataException("no folds given");
        }
        List<SufficientStats> used = new ArrayList<>();
        for (SufficientStats fold : folds) {
            if (fold.features() != folds[0].features() || fold.voxels() != folds[0].voxels()) {
                throw new IllegalArgumentException("folds differ in shape: p=" + fold.features() + ", v=" + fold.voxels()
                        + " vs p=" + folds[0].features() + ", v=" + folds[0].voxels());
            }
            if (fold.n() > 0) {
                used.add(fold);
            }
        }
        if (used.size() < 2) {
            throw new InsufficientDataException("cross-validation needs at least 2 non-empty folds, got " + used.size()
                    + " of " + folds.length);
        }
        return used;
    }
}
