package org.neuroencode.encoder.ridge;

import java.util.Arrays;

/**
 * How a ridge model is selected and fitted. Immutable; the {@code with…} methods return modified copies.
 *
 * <p>Defaults: criterion R2 (as scikit-learn's RidgeCV), an intercept, no standardization, a pseudo-inverse
 * tolerance of 1e-10 relative to the largest Gram eigenvalue, and voxel blocks of 1024.
 */
public final class RidgeSettings {

    /** The validation score that alphas are chosen by. */
    public enum Criterion {
        /** 1 − SSE/SST on the validation fold, SST about the fold's own mean (scikit-learn's r2_score). */
        R2,
        /** Pearson correlation of predictions and observations on the validation fold. */
        PEARSON
    }

    /**
     * The arithmetic of the products that touch every response in a batch fit with the samples at hand (the
     * projections of Y onto each training basis and validation fold). Everything else (Grams, eigendecompositions,
     * the partial-fraction products, score sums and the refit) is double in both.
     */
    public enum Precision {
        /** Every product in double. */
        DOUBLE,
        /**
         * The response projections in single precision, at twice the GEMM rate: for float32 data, whose own
         * rounding is of the same order. Scores then differ from {@link #DOUBLE}'s by about 1e−6 relative, so an
         * alpha can differ where two alphas' scores tie that closely; the coefficients are refitted in double.
         */
        MIXED
    }

    /** The alpha grid of {@link #defaults()}, in {@link #parseAlphas(String)} syntax. */
    public static final String DEFAULT_ALPHAS = "1e-2:1e5:10";

    private final double[] alphas;
    private final Criterion criterion;
    private final boolean fitIntercept;
    private final boolean standardize;
    private final double pinvRelativeTolerance;
    private final int voxelBlockSize;
    private final Precision precision;

    private RidgeSettings(double[] alphas, Criterion criterion, boolean fitIntercept, boolean standardize,
            double pinvRelativeTolerance, int voxelBlockSize, Precision precision) {
        this.alphas = alphas;
        this.criterion = criterion;
        this.fitIntercept = fitIntercept;
        this.standardize = standardize;
        this.pinvRelativeTolerance = pinvRelativeTolerance;
        this.voxelBlockSize = voxelBlockSize;
        this.precision = precision;
    }

    /**
     * Settings with the given alpha grid, sorted ascending.
     *
     * @throws IllegalArgumentException if the grid is empty, holds a negative, non-finite or repeated alpha
     */
    public static RidgeSettings withAlphas(double... alphas) {
        return new RidgeSettings(checkedGrid(alphas), Criterion.R2, true, false, 1e-10, 1024, Precision.DOUBLE);
    }

    /** The default grid, 10 log-spaced alphas from 1e-2 to 1e5, with the default options. */
    public static RidgeSettings defaults() {
        return parse(DEFAULT_ALPHAS);
    }

    /**
     * Ordinary least squares: the single alpha 0, solved with a pseudo-inverse that drops Gram eigenvalues below
     * {@link #pinvRelativeTolerance()} times the largest, so rank-deficient designs give the minimum-norm fit.
     */
    public static RidgeSettings ols() {
        return withAlphas(0);
    }

    /** Settings with the alphas of {@link #parseAlphas(String)}. */
    public static RidgeSettings parse(String alphaSpec) {
        return withAlphas(parseAlphas(alphaSpec));
    }

    /**
     * Parses an alpha grid: {@code "from:to:count"} gives {@code count} log-spaced values including both ends
     * (so {@code "1e-2:1e5:10"} is 10 values from 0.01 to 100000), and {@code "a,b,c"} lists values.
     */
    public static double[] parseAlphas(String spec) {
        String trimmed = spec.trim();
        try {
            if (trimmed.contains(":")) {
                String[] parts = trimmed.split(":");
                if (parts.length != 3) {
                    throw new IllegalArgumentException("alpha range '" + spec + "' is not from:to:count");
                }
                return logSpaced(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()), Integer.parseInt(parts[2].trim()));
            }
            return Arrays.stream(trimmed.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot parse alphas '" + spec + "': " + e.getMessage(), e);
        }
    }

    /** {@code count} log-spaced values from {@code from} to {@code to}, both ends included exactly. */
    public static double[] logSpaced(double from, double to, int count) {
        if (!(from > 0) || !(to > 0) || Double.isInfinite(from) || Double.isInfinite(to)) {
            throw new IllegalArgumentException("log-spaced alphas need finite positive ends, got " + from + " and " + to);
        }
        if (count < 1 || (count == 1 && from != to)) {
            throw new IllegalArgumentException("cannot place " + count + " log-spaced alphas between " + from + " and " + to);
        }
        double[] values = new double[count];
        double logFrom = Math.log10(from);
        double step = count == 1 ? 0 : (Math.log10(to) - logFrom) / (count - 1);
        for (int i = 0; i < count; i++) {
            values[i] = Math.pow(10, logFrom + i * step);
        }
        values[0] = from;
        values[count - 1] = to;
        return values;
    }

    public RidgeSettings withCriterion(Criterion value) {
        return new RidgeSettings(alphas, value, fitIntercept, standardize, pinvRelativeTolerance, voxelBlockSize, precision);
    }

    public RidgeSettings withFitIntercept(boolean value) {
        return new RidgeSettings(alphas, criterion, value, standardize, pinvRelativeTolerance, voxelBlockSize, precision);
    }

    /** Scale features by their training-set standard deviation (population, about the mean; zero-variance features keep scale 1). */
    public RidgeSettings withStandardize(boolean value) {
        return new RidgeSettings(alphas, criterion, fitIntercept, value, pinvRelativeTolerance, voxelBlockSize, precision);
    }

    public RidgeSettings withPinvRelativeTolerance(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("pseudo-inverse tolerance must be finite and non-negative, got " + value);
        }
        return new RidgeSettings(alphas, criterion, fitIntercept, standardize, value, voxelBlockSize, precision);
    }

    /** Voxels processed together; bounds the solver's working memory to a few p×block matrices. */
    public RidgeSettings withVoxelBlockSize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("voxel block size must be positive, got " + value);
        }
        return new RidgeSettings(alphas, criterion, fitIntercept, standardize, pinvRelativeTolerance, value, precision);
    }

    public RidgeSettings withPrecision(Precision value) {
        return new RidgeSettings(alphas, criterion, fitIntercept, standardize, pinvRelativeTolerance, voxelBlockSize,
                java.util.Objects.requireNonNull(value, "precision"));
    }

    /** The alpha grid, ascending. */
    public double[] alphas() {
        return alphas.clone();
    }

    public Criterion criterion() {
        return criterion;
    }

    public boolean fitIntercept() {
        return fitIntercept;
    }

    public boolean standardize() {
        return standardize;
    }

    public double pinvRelativeTolerance() {
        return pinvRelativeTolerance;
    }

    public int voxelBlockSize() {
        return voxelBlockSize;
    }

    public Precision precision() {
        return precision;
    }

    @Override
    public String toString() {
        return "RidgeSettings{alphas=" + Arrays.toString(alphas) + ", criterion=" + criterion + ", fitIntercept=" + fitIntercept
                + ", standardize=" + standardize + ", pinvRelativeTolerance=" + pinvRelativeTolerance + ", voxelBlockSize=" + voxelBlockSize
                + ", precision=" + precision + "}";
    }

    private static double[] checkedGrid(double[] alphas) {
        if (alphas.length == 0) {
            throw new IllegalArgumentException("the alpha grid is empty");
        }
        double[] sorted = alphas.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (!(sorted[i] >= 0) || Double.isInfinite(sorted[i])) {
                throw new IllegalArgumentException("alpha " + sorted[i] + " is not finite and non-negative");
            }
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("alpha " + sorted[i] + " appears twice");
            }
        }
        return sorted;
    }
}
