package org.neuroencode.encoder.ridge;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.neuroencode.core.math.Finite;

/**
 * Sufficient statistics of ridge regression for one set of samples (typically one CV fold): the count,
 * the means of features x (p) and targets y (v), and the centered co-moments Cxx = Σ(x−x̄)(x−x̄)ᵀ,
 * Cxy = Σ(x−x̄)(y−ȳ)ᵀ and diag Cyy = Σ(y−ȳ)².
 *
 * <p>Centered co-moments are kept rather than raw sums of products because features and BOLD signals ride
 * on large offsets, where raw sums cancel catastrophically. Updates are exact rank-1 Welford steps and
 * merges use Chan et al.'s pairwise formula; {@link #remove} and {@link #minus} are their exact algebraic
 * inverses (in floating point they agree to rounding, and variances are clamped at zero).
 *
 * <p>Instances are mutable through {@link #add} and {@link #remove}; {@link #plus} and {@link #minus}
 * return new instances. Cxx is stored in full and kept exactly symmetric.
 */
public final class SufficientStats {

    private static final int MAGIC = 0x5353454E; // "NESS" in little-endian byte order
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 4 + 4 + 4 + 4 + 8;

    private final int p;
    private final int v;
    private long n;
    private final double[] meanX;
    private final double[] meanY;
    private final double[] cxx;
    private final double[] cxy;
    private final double[] cyy;

    /** Empty statistics for {@code features} features and {@code voxels} targets. */
    public SufficientStats(int features, int voxels) {
        this(features, voxels, true);
    }

    private SufficientStats(int features, int voxels, boolean coMoments) {
        if (features < 1 || voxels < 1) {
            throw new IllegalArgumentException("need at least one feature and one voxel, got p=" + features + ", v=" + voxels);
        }
        this.p = features;
        this.v = voxels;
        this.meanX = new double[features];
        this.meanY = new double[voxels];
        this.cxx = coMoments ? new double[Math.multiplyExact(features, features)] : null;
        this.cxy = coMoments ? new double[Math.multiplyExact(features, voxels)] : null;
        this.cyy = new double[voxels];
    }

    /**
     * The count, the means and diag Cyy of rows {@code from..to−1}, without Cxx and Cxy: what validation reads of a
     * fold whose products come from the samples themselves (a batch fit in sample space). Asking such statistics
     * for their co-moments, encoding, copying or updating them is an {@link IllegalStateException}.
     */
    static SufficientStats momentsOfRows(double[] x, double[] y, int features, int voxels, int from, int to) {
        SufficientStats stats = new SufficientStats(features, voxels, false);
        checkRows(x, y, features, voxels, from, to);
        if (to > from) {
            columnMeans(x, features, from, to, stats.meanX, "x");
            stats.responseMoments(y, from, to, null);
        }
        stats.n = to - from;
        return stats;
    }

    /** Whether Cxx and Cxy are held (false for {@link #momentsOfRows}). */
    boolean hasCoMoments() {
        return cxx != null;
    }

    private void requireCoMoments() {
        if (cxx == null) {
            throw new IllegalStateException("these statistics hold the means and variances only, no co-moments");
        }
    }

    /**
     * Statistics of rows {@code from..to−1} of row-major samples: {@code x} with p columns and {@code y} with v
     * columns. Two passes (refined means, then centered co-moments as GEMMs on {@code linearAlgebra}) give what
     * adding the rows one by one gives, up to rounding, at a fraction of the cost for many rows.
     *
     * @throws IllegalArgumentException on a shape mismatch or a non-finite value
     */
    public static SufficientStats ofRows(double[] x, double[] y, int features, int voxels, int from, int to, LinearAlgebra linearAlgebra) {
        SufficientStats stats = new SufficientStats(features, voxels);
        int rows = to - from;
        checkRows(x, y, features, voxels, from, to);
        if (rows == 0) {
            return stats;
        }
        // a NaN or infinity anywhere in a column makes its mean non-finite, which columnMeans rejects
        columnMeans(x, features, from, to, stats.meanX, "x");
        try (Matrix xc = centeredRows(x, features, from, to, stats.meanX, linearAlgebra);
                Matrix gram = linearAlgebra.allocate(features, features)) {
            linearAlgebra.gemm(true, false, 1, xc, xc, 0, gram);
            gram.read(0, stats.cxx, 0, stats.cxx.length);
            Matrix.symmetrize(stats.cxx, features, false);
            try (Matrix yc = linearAlgebra.allocate(rows, voxels); Matrix cross = linearAlgebra.allocate(features, voxels)) {
                stats.responseMoments(y, from, to, yc);
                linearAlgebra.gemm(true, false, 1, xc, yc, 0, cross);
                cross.read(0, stats.cxy, 0, stats.cxy.length);
            }
        }
        stats.n = rows;
        return stats;
    }

    /** Adds one sample (rank-1 Welford update). */
    public void add(double[] x, double[] y) {
        requireCoMoments();
        checkSample(x, y);
        long after = n + 1;
        double[] dx = deviations(x, meanX);
        double[] dy = deviations(y, meanY);
        updateMeans(dx, dy, 1.0 / after);
        rankOneUpdate(dx, dy, (double) n / after);
        n = after;
    }

    /**
     * Removes one sample previously added, exactly inverting {@link #add}: a late repetition that changes a
     * stimulus's mean target is applied as {@code remove(x, oldMean)} then {@code add(x, newMean)}.
     *
     * @throws IllegalStateException if there are no samples
     */
    public void remove(double[] x, double[] y) {
        requireCoMoments();
        checkSample(x, y);
        if (n == 0) {
            throw new IllegalStateException("cannot remove a sample from empty statistics");
        }
        if (n == 1) {
            clear();
            return;
        }
        long before = n - 1;
        // deviations from the mean before the sample was added: x − x̄_old = (x − x̄) · n / (n − 1)
        double[] dx = deviations(x, meanX);
        double[] dy = deviations(y, meanY);
        double grow = (double) n / before;
        Matrix.scale(dx, grow);
        Matrix.scale(dy, grow);
        updateMeans(dx, dy, -1.0 / n);
        rankOneUpdate(dx, dy, -(double) before / n);
        n = before;
        clampVariances();
    }

    /** Statistics of the union of both sample sets (Chan et al.). */
    public SufficientStats plus(SufficientStats other) {
        requireCoMoments();
        checkShape(other);
        SufficientStats sum = copy();
        sum.combine(other, +1);
        return sum;
    }

    /**
     * Statistics of this set with the samples of {@code other} taken out; the exact inverse of
     * {@link #plus}, used to form training sets such as total − fold f − fold g.
     *
     * @throws IllegalArgumentException if {@code other} has more samples than this
     */
    public SufficientStats minus(SufficientStats other) {
        requireCoMoments();
        checkShape(other);
        if (other.n > n) {
            throw new IllegalArgumentException("cannot subtract " + other.n + " samples from " + n);
        }
        SufficientStats difference = copy();
        difference.combine(other, -1);
        return difference;
    }

    public long n() {
        return n;
    }

    public int features() {
        return p;
    }

    public int voxels() {
        return v;
    }

    public double[] meanX() {
        return meanX.clone();
    }

    public double[] meanY() {
        return meanY.clone();
    }

    /** Cxx as a row-major p×p copy. */
    public double[] cxx() {
        requireCoMoments();
        return cxx.clone();
    }

    /** Cxy as a row-major p×v copy. */
    public double[] cxy() {
        requireCoMoments();
        return cxy.clone();
    }

    public double[] cyy() {
        return cyy.clone();
    }

    public double cxx(int i, int j) {
        requireCoMoments();
        return cxx[i * p + j];
    }

    public double cxy(int feature, int voxel) {
        requireCoMoments();
        return cxy[feature * v + voxel];
    }

    /**
     * Bytes of {@link #toBytes()} for p features and v voxels: a 24-byte header, then meanX, meanY, the upper
     * triangle of Cxx, Cxy and Cyy as little-endian doubles.
     */
    public static long sizeBytes(int p, int v) {
        return HEADER_BYTES + 8L * (p + v + (long) p * (p + 1) / 2 + (long) p * v + v);
    }

    /**
     * Compact little-endian encoding: int magic "NESS", int version 1, int p, int v, long n, then doubles
     * meanX[p], meanY[v], Cxx's upper triangle including the diagonal in row-major order (p(p+1)/2 values,
     * row i holding columns i..p−1), Cxy row-major [p×v], Cyy[v].
     */
    public byte[] toBytes() {
        requireCoMoments();
        long size = sizeBytes(p, v);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("statistics of p=" + p + ", v=" + v + " take " + size + " bytes, too many for one array; block the voxels");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).putInt(VERSION).putInt(p).putInt(v).putLong(n);
        put(out, meanX, 0, p);
        put(out, meanY, 0, v);
        for (int i = 0; i < p; i++) {
            put(out, cxx, i * p + i, p - i);
        }
        put(out, cxy, 0, cxy.length);
        put(out, cyy, 0, v);
        return out.array();
    }

    /** Decodes {@link #toBytes()}. @throws IllegalArgumentException on a malformed or non-finite encoding */
    public static SufficientStats fromBytes(byte[] bytes) {
        if (bytes.length < HEADER_BYTES) {
            throw new IllegalArgumentException("sufficient statistics need at least " + HEADER_BYTES + " bytes, got " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt();
        int version = in.getInt();
        if (magic != MAGIC || version != VERSION) {
            throw new IllegalArgumentException("not sufficient statistics version " + VERSION + " (magic " + Integer.toHexString(magic) + ", version " + version + ")");
        }
        int p = in.getInt();
        int v = in.getInt();
        long n = in.getLong();
        if (p < 1 || v < 1 || n < 0 || bytes.length != sizeBytes(p, v)) {
            throw new IllegalArgumentException("malformed sufficient statistics: p=" + p + ", v=" + v + ", n=" + n + ", " + bytes.length + " bytes");
        }
        SufficientStats stats = new SufficientStats(p, v);
        stats.n = n;
        get(in, stats.meanX, 0, p);
        get(in, stats.meanY, 0, v);
        for (int i = 0; i < p; i++) {
            get(in, stats.cxx, i * p + i, p - i);
            for (int j = i + 1; j < p; j++) {
                stats.cxx[j * p + i] = stats.cxx[i * p + j];
            }
        }
        get(in, stats.cxy, 0, stats.cxy.length);
        get(in, stats.cyy, 0, v);
        for (double[] part : new double[][] {stats.meanX, stats.meanY, stats.cxx, stats.cxy, stats.cyy}) {
            Finite.requireFinite(part, "decoded statistics");
        }
        return stats;
    }

    public SufficientStats copy() {
        requireCoMoments();
        SufficientStats copy = new SufficientStats(p, v);
        copy.n = n;
        System.arraycopy(meanX, 0, copy.meanX, 0, p);
        System.arraycopy(meanY, 0, copy.meanY, 0, v);
        System.arraycopy(cxx, 0, copy.cxx, 0, cxx.length);
        System.arraycopy(cxy, 0, copy.cxy, 0, cxy.length);
        System.arraycopy(cyy, 0, copy.cyy, 0, v);
        return copy;
    }

    /** Raw Cxy storage for the solver, which reads voxel blocks without copying the whole matrix. */
    double[] cxyStorage() {
        requireCoMoments();
        return cxy;
    }

    double[] cxxStorage() {
        requireCoMoments();
        return cxx;
    }

    double[] meanXStorage() {
        return meanX;
    }

    double[] meanYStorage() {
        return meanY;
    }

    double[] cyyStorage() {
        return cyy;
    }

    /** Adds (sign +1) or subtracts (sign −1) {@code other}'s samples in place. */
    private void combine(SufficientStats other, int sign) {
        requireCoMoments();
        other.requireCoMoments();
        if (other.n == 0) {
            return;
        }
        long result = n + sign * other.n;
        if (result == 0) {
            clear();
            return;
        }
        // Chan: C = C_a + C_b + (n_a n_b / n) δδᵀ with δ = mean_b − mean_a; for subtraction this is solved for
        // C_a, so the rank-1 term uses the remaining set's mean and size
        long remaining = sign > 0 ? n : result;
        long whole = sign > 0 ? result : n;
        double[] remainingMeanX = sign > 0 ? meanX.clone() : shiftedMean(meanX, other.meanX, other.n, result);
        double[] remainingMeanY = sign > 0 ? meanY.clone() : shiftedMean(meanY, other.meanY, other.n, result);
        double[] dx = deviations(other.meanX, remainingMeanX);
        double[] dy = deviations(other.meanY, remainingMeanY);
        double weight = (double) remaining * other.n / whole;
        for (int i = 0; i < cxx.length; i++) {
            cxx[i] += sign * other.cxx[i];
        }
        for (int i = 0; i < cxy.length; i++) {
            cxy[i] += sign * other.cxy[i];
        }
        for (int i = 0; i < v; i++) {
            cyy[i] += sign * other.cyy[i];
        }
        rankOneUpdate(dx, dy, sign * weight);
        if (sign > 0) {
            updateMeans(dx, dy, (double) other.n / result);
        } else {
            System.arraycopy(remainingMeanX, 0, meanX, 0, p);
            System.arraycopy(remainingMeanY, 0, meanY, 0, v);
            clampVariances();
        }
        n = result;
    }

    private static void checkRows(double[] x, double[] y, int features, int voxels, int from, int to) {
        if (from < 0 || to < from || (long) to * features > x.length || (long) to * voxels > y.length) {
            throw new IllegalArgumentException("rows " + from + ".." + to + " do not fit x of " + x.length + " values with p=" + features
                    + " and y of " + y.length + " values with v=" + voxels);
        }
    }

    /**
     * meanY and diag Cyy of rows from..to−1 in one pass, about a shift: the first row. Cxy = Σ(x−x̄)(y−m0)ᵀ whatever
     * m0 is, as Σ(x−x̄) = 0, and the deviations' sums give the mean and Cyy = Σd² − (Σd)²/n (the shifted-data formula,
     * accurate while the shift is a sample rather than a far-off constant; a constant voxel gets exactly zero). The
     * deviations are written to {@code deviations} (rows×v) when given.
     */
    private void responseMoments(double[] y, int from, int to, Matrix deviations) {
        int rows = to - from;
        double[] provisional = java.util.Arrays.copyOfRange(y, from * v, from * v + v);
        double[] deviationSum = new double[v];
        if (deviations == null) {
            addDeviations(y, from, to, provisional, deviationSum, cyy);
        } else {
            double[] row = new double[v];
            for (int r = from; r < to; r++) {
                addDeviations(y, r * v, provisional, row, deviationSum, cyy);
                deviations.write((r - from) * v, row, 0, v);
            }
        }
        for (int j = 0; j < v; j++) {
            meanY[j] = provisional[j] + deviationSum[j] / rows;
            cyy[j] = Math.max(0, cyy[j] - deviationSum[j] * deviationSum[j] / rows);
            if (!Double.isFinite(meanY[j]) || !Double.isFinite(cyy[j])) {
                throw new IllegalArgumentException("y column " + j + " holds a NaN or infinite value in rows " + from + ".."
                        + (to - 1) + "; NaN and infinite values are rejected");
            }
        }
    }

    /** Column means of rows from..to−1, refined by a second pass over the deviations (exact for constant columns). */
    static void columnMeans(double[] values, int cols, int from, int to, double[] mean, String name) {
        int rows = to - from;
        double[] sum = new double[cols];
        addRows(values, from, to, new double[cols], sum);
        for (int j = 0; j < cols; j++) {
            mean[j] = sum[j] / rows;
        }
        java.util.Arrays.fill(sum, 0);
        addRows(values, from, to, mean, sum);
        for (int j = 0; j < cols; j++) {
            mean[j] += sum[j] / rows;
        }
        for (int j = 0; j < cols; j++) {
            if (!Double.isFinite(mean[j])) {
                throw new IllegalArgumentException(name + " column " + j + " holds a NaN or infinite value in rows " + from + ".." + (to - 1)
                        + "; NaN and infinite values are rejected");
            }
        }
    }

    // The loops run once per fit over a whole block of rows are methods of their own with both loops in them (see
    // addRows); those called per row by a caller's loop (addDeviations with a row, for the statistics route) are the row
    // loop alone: the JIT compiles each small loop once, instead of the caller several times on stack replacement.

    /**
     * Σ (values row − center) over rows from..to−1 (center.length columns), added to sum. Rows and columns in one method:
     * a loop run once per fit reaches compiled code by on-stack replacement after some 60,000 iterations, where a row
     * method called per row ran interpreted for its first hundred or so calls (10⁶ elements at v = 10,000).
     */
    private static void addRows(double[] values, int from, int to, double[] center, double[] sum) {
        int cols = center.length;
        for (int r = from; r < to; r++) {
            int base = r * cols;
            for (int j = 0; j < cols; j++) {
                sum[j] += values[base + j] - center[j];
            }
        }
    }

    /** The deviations y − provisional of rows from..to−1, their sums and sums of squares added, rows and columns in one method ({@link #addRows}). */
    private static void addDeviations(double[] y, int from, int to, double[] provisional, double[] deviationSum, double[] cyy) {
        int v = provisional.length;
        for (int r = from; r < to; r++) {
            int base = r * v;
            for (int j = 0; j < v; j++) {
                double deviation = y[base + j] - provisional[j];
                deviationSum[j] += deviation;
                cyy[j] += deviation * deviation;
            }
        }
    }

    /** row = y[base, base + row.length) − provisional, with its sum and sum of squares added. */
    private static void addDeviations(double[] y, int base, double[] provisional, double[] row, double[] deviationSum, double[] cyy) {
        for (int j = 0; j < row.length; j++) {
            double deviation = y[base + j] - provisional[j];
            row[j] = deviation;
            deviationSum[j] += deviation;
            cyy[j] += deviation * deviation;
        }
    }

    /** Rows from..to−1 of row-major {@code values} minus {@code mean}, in the backend's storage. */
    static Matrix centeredRows(double[] values, int cols, int from, int to, double[] mean, LinearAlgebra linearAlgebra) {
        Matrix centered = linearAlgebra.allocateScratch(to - from, cols);
        try {
            // a bulk copy and the backend's row update: no Java loop over the elements, which at the head of a fresh
            // process's fit still runs interpreted
            centered.write(0, values, from * cols, (to - from) * cols);
            linearAlgebra.addToRows(-1, mean, centered);
            return centered;
        } catch (RuntimeException | Error e) {
            centered.close();
            throw e;
        }
    }

    /** Mean of the whole set minus a part: m_a = m + (m − m_b) · n_b / n_a. */
    private static double[] shiftedMean(double[] wholeMean, double[] partMean, long partN, long remainingN) {
        double[] mean = new double[wholeMean.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = wholeMean[i] + (wholeMean[i] - partMean[i]) * partN / remainingN;
        }
        return mean;
    }

    private void rankOneUpdate(double[] dx, double[] dy, double weight) {
        for (int i = 0; i < p; i++) {
            double wi = weight * dx[i];
            if (wi == 0) {
                continue;
            }
            for (int j = i; j < p; j++) {
                double delta = wi * dx[j];
                cxx[i * p + j] += delta;
                if (j != i) {
                    cxx[j * p + i] += delta;
                }
            }
            int row = i * v;
            for (int j = 0; j < v; j++) {
                cxy[row + j] += wi * dy[j];
            }
        }
        for (int j = 0; j < v; j++) {
            cyy[j] += weight * dy[j] * dy[j];
        }
    }

    private void updateMeans(double[] dx, double[] dy, double step) {
        for (int i = 0; i < p; i++) {
            meanX[i] += dx[i] * step;
        }
        for (int j = 0; j < v; j++) {
            meanY[j] += dy[j] * step;
        }
    }

    /** Subtraction can leave a zero variance at −1e−30; clamping keeps "constant" recognisable and sqrt defined. */
    private void clampVariances() {
        for (int i = 0; i < p; i++) {
            cxx[i * p + i] = Math.max(0, cxx[i * p + i]);
        }
        for (int j = 0; j < v; j++) {
            cyy[j] = Math.max(0, cyy[j]);
        }
    }

    private void clear() {
        n = 0;
        java.util.Arrays.fill(meanX, 0);
        java.util.Arrays.fill(meanY, 0);
        java.util.Arrays.fill(cxx, 0);
        java.util.Arrays.fill(cxy, 0);
        java.util.Arrays.fill(cyy, 0);
    }

    private void checkSample(double[] x, double[] y) {
        Finite.requireLength(x, p, "x");
        Finite.requireLength(y, v, "y");
        Finite.requireFinite(x, "x");
        Finite.requireFinite(y, "y");
    }

    private void checkShape(SufficientStats other) {
        if (other.p != p || other.v != v) {
            throw new IllegalArgumentException("statistics shapes differ: p=" + p + ", v=" + v + " vs p=" + other.p + ", v=" + other.v);
        }
    }

    private static double[] deviations(double[] values, double[] means) {
        double[] deviations = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            deviations[i] = values[i] - means[i];
        }
        return deviations;
    }

    private static void put(ByteBuffer out, double[] values, int offset, int count) {
        out.asDoubleBuffer().put(values, offset, count);
        out.position(out.position() + 8 * count);
    }

    private static void get(ByteBuffer in, double[] values, int offset, int count) {
        in.asDoubleBuffer().get(values, offset, count);
        in.position(in.position() + 8 * count);
    }
}
