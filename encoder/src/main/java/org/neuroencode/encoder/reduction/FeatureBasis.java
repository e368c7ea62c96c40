package org.neuroencode.encoder.reduction;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.IntToDoubleFunction;
import org.neuroencode.core.math.Finite;

/**
 * A frozen StandardScaler + PCA basis for one (model, layer): x ↦ components · ((x − means) / scales).
 *
 * <p>Conventions follow scikit-learn: population standard deviations (ddof = 0) with scale 1 for constant
 * features, explained variance with ddof = 1 (eigenvalue / (n − 1)), and the ratio relative to the total
 * variance of all standardized features. Each component's largest-magnitude loading is positive (the first
 * such loading on ties), as scikit-learn ≥ 1.5 flips signs, so that refits of the same data agree.
 *
 * <p>{@link #version()} is derived from the content alone, so encoder state keyed by it can never mix two
 * bases. Immutable; accessors return copies.
 */
public final class FeatureBasis {

    private static final int MAGIC = 0x4250454E; // "NEPB" in little-endian byte order
    private static final int FORMAT = 1;
    private static final int HEADER_BYTES = 4 + 4 + 4 + 4 + 8 + 8;
    private static final int VERSION_HASH_BYTES = 8;

    private final int p;
    private final int k;
    private final long samples;
    private final double totalVariance;
    private final double[] means;
    private final double[] scales;
    private final double[] explainedVariance;
    private final double[] components;
    private final String version;

    FeatureBasis(long samples, double totalVariance, double[] means, double[] scales, double[] explainedVariance, double[] components) {
        this.p = means.length;
        this.k = explainedVariance.length;
        this.samples = samples;
        this.totalVariance = totalVariance;
        this.means = means;
        this.scales = scales;
        this.explainedVariance = explainedVariance;
        this.components = components;
        check();
        this.version = "pca" + k + "-" + HexFormat.of().formatHex(sha256(toBytes()), 0, VERSION_HASH_BYTES);
    }

    /** Features p of the input. */
    public int features() {
        return p;
    }

    /** Components k of the output; at most the requested number (see {@link PcaSettings}). */
    public int components() {
        return k;
    }

    /** Training samples the basis was fitted on. */
    public long samples() {
        return samples;
    }

    /**
     * "pca&lt;k&gt;-" followed by the first 16 hex digits of the SHA-256 of {@link #toBytes()}: equal for equal
     * content, different (up to a 2⁻⁶⁴ collision) for any difference, including a last-bit one.
     */
    public String version() {
        return version;
    }

    public double[] means() {
        return means.clone();
    }

    public double[] scales() {
        return scales.clone();
    }

    /** Components as a row-major k×p copy; rows are orthonormal. */
    public double[] componentMatrix() {
        return components.clone();
    }

    public double[] component(int index) {
        return Arrays.copyOfRange(components, index * p, (index + 1) * p);
    }

    /** Variance of each component's scores over the training samples, with ddof = 1; descending. */
    public double[] explainedVariance() {
        return explainedVariance.clone();
    }

    /** {@link #explainedVariance()} divided by the total variance of the standardized training features. */
    public double[] explainedVarianceRatio() {
        double[] ratio = new double[k];
        for (int r = 0; r < k; r++) {
            ratio[r] = explainedVariance[r] / totalVariance;
        }
        return ratio;
    }

    /** Sum of the standardized features' variances (ddof = 1): n/(n − 1) times the number of non-constant features. */
    public double totalVariance() {
        return totalVariance;
    }

    /** @throws IllegalArgumentException if x has the wrong length or a non-finite value */
    public double[] transform(double[] x) {
        Finite.requireLength(x, p, "features");
        Finite.requireFinite(x, "features");
        return project(standardize(j -> x[j]));
    }

    /** float32 features, as they arrive on the features topic. */
    public double[] transform(float[] x) {
        if (x.length != p) {
            throw new IllegalArgumentException("features has length " + x.length + ", expected " + p);
        }
        Finite.requireFinite(x, "features");
        return project(standardize(j -> x[j]));
    }

    /** Bytes of {@link #toBytes()} for p features and k components. */
    public static long sizeBytes(int p, int k) {
        return HEADER_BYTES + 8L * (2L * p + k + (long) k * p);
    }

    /**
     * Little-endian encoding: int32 magic "NEPB", int32 format 1, int32 p, int32 k, int64 samples, float64
     * totalVariance, then float64 arrays means[p], scales[p], explainedVariance[k] and components[k×p]
     * row-major (component r's loadings at offset r·p).
     *
     * @throws IllegalStateException if the encoding would exceed the 2 GiB of one Java array
     */
    public byte[] toBytes() {
        long size = sizeBytes(p, k);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a basis of p=" + p + ", k=" + k + " takes " + size + " bytes, too many for one array");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).putInt(FORMAT).putInt(p).putInt(k).putLong(samples).putDouble(totalVariance);
        for (double[] part : new double[][] {means, scales, explainedVariance, components}) {
            out.asDoubleBuffer().put(part);
            out.position(out.position() + 8 * part.length);
        }
        return out.array();
    }

    /** Decodes {@link #toBytes()}. @throws IllegalArgumentException on a malformed or inconsistent encoding */
    public static FeatureBasis fromBytes(byte[] bytes) {
        if (bytes.length < HEADER_BYTES) {
            throw new IllegalArgumentException("a feature basis needs at least " + HEADER_BYTES + " bytes, got " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt();
        int format = in.getInt();
        if (magic != MAGIC || format != FORMAT) {
            throw new IllegalArgumentException("not a feature basis of format " + FORMAT + " (magic " + Integer.toHexString(magic) + ", format " + format + ")");
        }
        int p = in.getInt();
        int k = in.getInt();
        long samples = in.getLong();
        double totalVariance = in.getDouble();
        if (p < 1 || k < 1 || bytes.length != sizeBytes(p, k)) {
            throw new IllegalArgumentException("malformed feature basis: p=" + p + ", k=" + k + ", " + bytes.length + " bytes");
        }
        double[][] parts = {new double[p], new double[p], new double[k], new double[k * p]};
        for (double[] part : parts) {
            in.asDoubleBuffer().get(part);
            in.position(in.position() + 8 * part.length);
        }
        return new FeatureBasis(samples, totalVariance, parts[0], parts[1], parts[2], parts[3]);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureBasis basis && basis.version.equals(version) && basis.samples == samples
                && Double.compare(basis.totalVariance, totalVariance) == 0 && Arrays.equals(basis.means, means)
                && Arrays.equals(basis.scales, scales) && Arrays.equals(basis.explainedVariance, explainedVariance)
                && Arrays.equals(basis.components, components);
    }

    @Override
    public int hashCode() {
        return version.hashCode();
    }

    @Override
    public String toString() {
        return "FeatureBasis{" + version + ", p=" + p + ", k=" + k + ", samples=" + samples + "}";
    }

    private double[] standardize(IntToDoubleFunction feature) {
        double[] standardized = new double[p];
        for (int j = 0; j < p; j++) {
            standardized[j] = (feature.applyAsDouble(j) - means[j]) / scales[j];
        }
        return standardized;
    }

    private double[] project(double[] standardized) {
        double[] scores = new double[k];
        int unrolled = p - p % 4;
        for (int r = 0; r < k; r++) {
            int offset = r * p;
            // four independent sums: one serial chain of dependent additions runs at a quarter of the FPU's pace
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < unrolled; j += 4) {
                s0 += components[offset + j] * standardized[j];
                s1 += components[offset + j + 1] * standardized[j + 1];
                s2 += components[offset + j + 2] * standardized[j + 2];
                s3 += components[offset + j + 3] * standardized[j + 3];
            }
            for (int j = unrolled; j < p; j++) {
                s0 += components[offset + j] * standardized[j];
            }
            scores[r] = (s0 + s1) + (s2 + s3);
        }
        return scores;
    }

    /** Guards decoded bytes as much as fitted ones: a corrupt basis must fail here, not in every transform. */
    private void check() {
        if (p < 1 || k < 1 || samples < 2 || scales.length != p || components.length != (long) k * p) {
            throw new IllegalArgumentException("inconsistent feature basis: p=" + p + ", k=" + k + ", samples=" + samples);
        }
        for (double[] part : new double[][] {means, scales, explainedVariance, components, {totalVariance}}) {
            Finite.requireFinite(part, "feature basis");
        }
        for (int j = 0; j < p; j++) {
            if (!(scales[j] > 0)) {
                throw new IllegalArgumentException("scale of feature " + j + " is " + scales[j] + "; scales must be positive");
            }
        }
        for (int r = 0; r < k; r++) {
            if (!(explainedVariance[r] > 0)) {
                throw new IllegalArgumentException("explained variance of component " + r + " is " + explainedVariance[r] + "; must be positive");
            }
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
