package org.neuroencode.core.math;

import java.util.Arrays;

/**
 * Per-voxel centered moments of (predicted, observed) pairs, mergeable across data partitions.
 *
 * <p>Centered co-moments (sums of products of deviations from the running means) are kept instead of raw
 * power sums because raw sums lose all precision when the signal rides on a large baseline, as BOLD does.
 * Counts are per voxel because the published 6×v layout carries one count per voxel; every update in this
 * class moves all voxels together, but moments read from elsewhere may differ.
 *
 * <p>Instances are mutable: {@link #add} and {@link #merge} update in place and return {@code this}.
 */
public final class PairedMoments {

    /** Number of rows of the {@link #toMatrix()} layout. */
    public static final int ROWS = 6;

    private final long[] n;
    private final double[] meanPred;
    private final double[] meanObs;
    private final double[] cPP;
    private final double[] cOO;
    private final double[] cPO;

    private PairedMoments(long[] n, double[] meanPred, double[] meanObs, double[] cPP, double[] cOO, double[] cPO) {
        this.n = n;
        this.meanPred = meanPred;
        this.meanObs = meanObs;
        this.cPP = cPP;
        this.cOO = cOO;
        this.cPO = cPO;
    }

    /**
     * The same co-moments about zero means: merging centered moments of several groups pools their
     * within-group co-moments only, so that differences between the groups' means (such as the offsets
     * of fold-wise intercepts in cross-validation) do not enter the pooled correlation.
     */
    public PairedMoments centered() {
        int voxels = meanPred.length;
        return new PairedMoments(n.clone(), new double[voxels], new double[voxels], cPP.clone(), cOO.clone(), cPO.clone());
    }

    /** Moments of no pairs for {@code voxels} voxels. */
    public PairedMoments(int voxels) {
        this(new long[voxels], new double[voxels], new double[voxels], new double[voxels], new double[voxels], new double[voxels]);
    }

    /** Moments of {@code n} pairs per voxel, given directly (e.g. derived from sufficient statistics). */
    public static PairedMoments of(long n, double[] meanPred, double[] meanObs, double[] cPP, double[] cOO, double[] cPO) {
        int voxels = meanPred.length;
        double[] matrix = new double[ROWS * voxels];
        Arrays.fill(matrix, 0, voxels, n);
        double[][] rows = {meanPred, meanObs, cPP, cOO, cPO};
        for (int r = 0; r < rows.length; r++) {
            Finite.requireLength(rows[r], voxels, "row " + (r + 1));
            System.arraycopy(rows[r], 0, matrix, (r + 1) * voxels, voxels);
        }
        return fromMatrix(matrix);
    }

    /**
     * Reads the 6×v row-major wire layout written by {@link #toMatrix()}.
     *
     * @throws IllegalArgumentException if the length is not a multiple of 6, a value is not finite, a count is
     *     negative or fractional, or a variance co-moment is negative
     */
    public static PairedMoments fromMatrix(double[] matrix) {
        if (matrix.length % ROWS != 0) {
            throw new IllegalArgumentException("paired-moment matrix length " + matrix.length + " is not a multiple of " + ROWS);
        }
        Finite.requireFinite(matrix, "paired-moment matrix");
        int voxels = matrix.length / ROWS;
        long[] counts = new long[voxels];
        for (int v = 0; v < voxels; v++) {
            double count = matrix[v];
            if (count < 0 || count != Math.rint(count)) {
                throw new IllegalArgumentException("count of voxel " + v + " is " + count + "; counts are non-negative integers");
            }
            counts[v] = (long) count;
            if (matrix[3 * voxels + v] < 0 || matrix[4 * voxels + v] < 0) {
                throw new IllegalArgumentException("variance co-moment of voxel " + v + " is negative");
            }
        }
        return new PairedMoments(counts, row(matrix, 1, voxels), row(matrix, 2, voxels),
                row(matrix, 3, voxels), row(matrix, 4, voxels), row(matrix, 5, voxels));
    }

    /** The 6×v row-major wire layout; rows n, meanPred, meanObs, cPP, cOO, cPO. */
    public double[] toMatrix() {
        int voxels = voxels();
        double[] matrix = new double[ROWS * voxels];
        for (int v = 0; v < voxels; v++) {
            matrix[v] = n[v];
        }
        double[][] rows = {meanPred, meanObs, cPP, cOO, cPO};
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, matrix, (r + 1) * voxels, voxels);
        }
        return matrix;
    }

    /** Adds one (prediction, observation) pair for every voxel (Welford update). */
    public PairedMoments add(double[] predicted, double[] observed) {
        Finite.requireLength(predicted, voxels(), "predicted");
        Finite.requireLength(observed, voxels(), "observed");
        Finite.requireFinite(predicted, "predicted");
        Finite.requireFinite(observed, "observed");
        for (int v = 0; v < voxels(); v++) {
            long after = n[v] + 1;
            double dp = predicted[v] - meanPred[v];
            double dobs = observed[v] - meanObs[v];
            double weight = (double) n[v] / after;
            meanPred[v] += dp / after;
            meanObs[v] += dobs / after;
            cPP[v] += weight * dp * dp;
            cOO[v] += weight * dobs * dobs;
            cPO[v] += weight * dp * dobs;
            n[v] = after;
        }
        return this;
    }

    /** Adds the pairs summarised by {@code other} (Chan et al. parallel combination). */
    public PairedMoments merge(PairedMoments other) {
        if (other.voxels() != voxels()) {
            throw new IllegalArgumentException("cannot merge moments of " + other.voxels() + " voxels into " + voxels());
        }
        for (int v = 0; v < voxels(); v++) {
            long nb = other.n[v];
            if (nb == 0) {
                continue;
            }
            long na = n[v];
            long total = na + nb;
            double dp = other.meanPred[v] - meanPred[v];
            double dobs = other.meanObs[v] - meanObs[v];
            double weight = (double) na * nb / total;
            meanPred[v] += dp * nb / total;
            meanObs[v] += dobs * nb / total;
            cPP[v] += other.cPP[v] + weight * dp * dp;
            cOO[v] += other.cOO[v] + weight * dobs * dobs;
            cPO[v] += other.cPO[v] + weight * dp * dobs;
            n[v] = total;
        }
        return this;
    }

    /** Per-voxel Pearson r; NaN where the predictions or the observations have zero variance. */
    public double[] pearson() {
        double[] r = new double[voxels()];
        for (int v = 0; v < r.length; v++) {
            r[v] = Pearson.correlation(cPO[v], cPP[v], cOO[v]);
        }
        return r;
    }

    /**
     * Per-voxel coefficient of determination 1 − Σ(obs − pred)² / Σ(obs − mean obs)²; NaN where the
     * observations have zero variance.
     */
    public double[] r2() {
        double[] r2 = new double[voxels()];
        for (int v = 0; v < r2.length; v++) {
            double bias = meanObs[v] - meanPred[v];
            double sse = cOO[v] - 2 * cPO[v] + cPP[v] + n[v] * bias * bias;
            r2[v] = cOO[v] > 0 ? 1 - sse / cOO[v] : Double.NaN;
        }
        return r2;
    }

    public int voxels() {
        return n.length;
    }

    public long count(int voxel) {
        return n[voxel];
    }

    public double[] meanPred() {
        return meanPred.clone();
    }

    public double[] meanObs() {
        return meanObs.clone();
    }

    public double[] cPP() {
        return cPP.clone();
    }

    public double[] cOO() {
        return cOO.clone();
    }

    public double[] cPO() {
        return cPO.clone();
    }

    /** The moments of voxels [from, to), e.g. one ROI's out of a subject's concatenated voxels. */
    public PairedMoments slice(int from, int to) {
        return new PairedMoments(Arrays.copyOfRange(n, from, to), Arrays.copyOfRange(meanPred, from, to),
                Arrays.copyOfRange(meanObs, from, to), Arrays.copyOfRange(cPP, from, to), Arrays.copyOfRange(cOO, from, to),
                Arrays.copyOfRange(cPO, from, to));
    }

    public PairedMoments copy() {
        return fromMatrix(toMatrix());
    }

    private static double[] row(double[] matrix, int row, int voxels) {
        return Arrays.copyOfRange(matrix, row * voxels, (row + 1) * voxels);
    }
}
