package org.neuroencode.encoder.ridge;

import java.util.function.IntFunction;

/**
 * The batch entry point: in-memory X (n×p) and Y (n×v), split into contiguous folds as scikit-learn's
 * {@code KFold(shuffle=False)}, summarised per fold and solved by the same {@link NestedRidgeCv} as the
 * streaming path, so batch and streaming fits agree by construction.
 */
public final class BatchRidgeCv {

    private final NestedRidgeCv solver;
    private final RidgeSettings settings;
    private final LinearAlgebra linearAlgebra;

    public BatchRidgeCv(RidgeSettings settings) {
        this(settings, LinearAlgebra.preferred());
    }

    public BatchRidgeCv(RidgeSettings settings, LinearAlgebra linearAlgebra) {
        this.solver = new NestedRidgeCv(settings, linearAlgebra);
        this.settings = settings;
        this.linearAlgebra = linearAlgebra;
    }

    /**
     * Fits row-major samples: {@code x} n×p and {@code y} n×v, in {@code folds} contiguous folds. The fold
     * statistics are formed with GEMMs ({@link SufficientStats#ofRows}).
     *
     * @param nestedScore whether to compute the nested-CV honest score ({@link RidgeSolution#oof()}); without it
     *     only K-fold CV and the refit run ({@link NestedRidgeCv#solveCv}), which is much cheaper
     * @throws IllegalArgumentException if the arrays do not hold n rows, or hold a non-finite value
     */
    public RidgeSolution fit(double[] x, double[] y, int n, int folds, boolean nestedScore) {
        if (n < 1 || x.length % n != 0 || y.length % n != 0 || x.length == 0 || y.length == 0) {
            throw new IllegalArgumentException("x of " + x.length + " values and y of " + y.length + " values do not hold " + n
                    + " non-empty rows");
        }
        if (!nestedScore) {
            return new KFoldRidgeCv(settings, linearAlgebra).fitRows(x, y, n, KFolds.contiguous(n, folds));
        }
        return solver.solve(foldStats(x, y, n, KFolds.contiguous(n, folds), linearAlgebra));
    }

    /** Per-fold statistics of row-major samples, x n×p and y n×v. */
    public static SufficientStats[] foldStats(double[] x, double[] y, int n, KFolds folds, LinearAlgebra linearAlgebra) {
        checkRows(n, n, folds);
        int p = x.length / n;
        int v = y.length / n;
        SufficientStats[] stats = new SufficientStats[folds.count()];
        for (int f = 0; f < folds.count(); f++) {
            stats[f] = SufficientStats.ofRows(x, y, p, v, folds.start(f), folds.end(f), linearAlgebra);
        }
        return stats;
    }

    /** Ordinary least squares (alpha 0, pseudo-inverse) with the usual CV record. */
    public static BatchRidgeCv ols() {
        return new BatchRidgeCv(RidgeSettings.ols());
    }

    public RidgeSolution fit(double[][] x, double[][] y, int folds) {
        return solver.solve(foldStats(x, y, KFolds.contiguous(x.length, folds)));
    }

    public RidgeSolution fit(float[][] x, float[][] y, int folds) {
        return solver.solve(foldStats(x, y, KFolds.contiguous(x.length, folds)));
    }

    public static SufficientStats[] foldStats(double[][] x, double[][] y, KFolds folds) {
        checkRows(x.length, y.length, folds);
        return foldStats(x.length == 0 ? 0 : x[0].length, y.length == 0 ? 0 : y[0].length, i -> x[i], i -> y[i], folds);
    }

    public static SufficientStats[] foldStats(float[][] x, float[][] y, KFolds folds) {
        checkRows(x.length, y.length, folds);
        return foldStats(x.length == 0 ? 0 : x[0].length, y.length == 0 ? 0 : y[0].length,
                i -> toDouble(x[i]), i -> toDouble(y[i]), folds);
    }

    private static SufficientStats[] foldStats(int p, int v, IntFunction<double[]> xRow, IntFunction<double[]> yRow, KFolds folds) {
        if (p == 0 || v == 0) {
            throw new InsufficientDataException("no samples, features or voxels to fit");
        }
        SufficientStats[] stats = new SufficientStats[folds.count()];
        for (int f = 0; f < folds.count(); f++) {
            stats[f] = new SufficientStats(p, v);
            for (int i = folds.start(f); i < folds.end(f); i++) {
                stats[f].add(xRow.apply(i), yRow.apply(i));
            }
        }
        return stats;
    }

    private static void checkRows(int xRows, int yRows, KFolds folds) {
        if (xRows != yRows || folds.end(folds.count() - 1) != xRows) {
            throw new IllegalArgumentException("X has " + xRows + " rows, Y " + yRows + ", folds cover " + folds.end(folds.count() - 1));
        }
    }

    private static double[] toDouble(float[] values) {
        double[] converted = new double[values.length];
        SingleMatrix.widen(values, converted);
        return converted;
    }
}
