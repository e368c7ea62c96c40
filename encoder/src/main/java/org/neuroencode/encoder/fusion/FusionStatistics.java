package org.neuroencode.encoder.fusion;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.neuroencode.core.math.Finite;
import org.neuroencode.encoder.ridge.SufficientStats;

/**
 * Per-voxel co-moments of L per-layer predictions and the observation, over one set of samples (one CV
 * fold): for each voxel the count, the L prediction means and the observation mean, the L×L centered
 * prediction co-moments, the L prediction–observation co-moments and the observation's centered sum of
 * squares. That is exactly a ridge {@link SufficientStats} with the L predictions as features and one target,
 * so each voxel holds one, and updates, merges and removals inherit its numerically stable forms.
 *
 * <p>Every update moves all voxels together, so all voxels share one count. Mutable through {@link #add} and
 * {@link #remove}; {@link #plus} returns a new instance.
 */
public final class FusionStatistics {

    private static final int MAGIC = 0x5346454E; // "NEFS" in little-endian byte order
    private static final int FORMAT = 1;
    private static final int HEADER_BYTES = 4 + 4 + 4 + 4 + 8;

    private final int layers;
    private final SufficientStats[] perVoxel;

    /** Empty statistics for {@code layers} layers and {@code voxels} voxels. */
    public FusionStatistics(int layers, int voxels) {
        if (layers < 1 || voxels < 1) {
            throw new IllegalArgumentException("fusion needs at least one layer and one voxel, got L=" + layers + ", v=" + voxels);
        }
        this.layers = layers;
        this.perVoxel = new SufficientStats[voxels];
        for (int j = 0; j < voxels; j++) {
            perVoxel[j] = new SufficientStats(layers, 1);
        }
    }

    private FusionStatistics(int layers, SufficientStats[] perVoxel) {
        this.layers = layers;
        this.perVoxel = perVoxel;
    }

    /**
     * Adds one sample: {@code perLayerPredictions[l][j]} is layer l's out-of-fold prediction of voxel j and
     * {@code observed[j]} the observation.
     *
     * @throws IllegalArgumentException on a shape mismatch or a NaN or infinite value; nothing is added then
     */
    public void add(double[][] perLayerPredictions, double[] observed) {
        checkSample(perLayerPredictions, observed);
        double[] predictions = new double[layers];
        for (int j = 0; j < perVoxel.length; j++) {
            perVoxel[j].add(column(perLayerPredictions, j, predictions), new double[] {observed[j]});
        }
    }

    /**
     * Removes a sample previously added, e.g. to replace a stimulus's mean response when a late repetition arrives.
     *
     * @throws IllegalStateException if there are no samples
     */
    public void remove(double[][] perLayerPredictions, double[] observed) {
        checkSample(perLayerPredictions, observed);
        double[] predictions = new double[layers];
        for (int j = 0; j < perVoxel.length; j++) {
            perVoxel[j].remove(column(perLayerPredictions, j, predictions), new double[] {observed[j]});
        }
    }

    /** Statistics of the union of both sample sets. */
    public FusionStatistics plus(FusionStatistics other) {
        checkShape(other);
        SufficientStats[] sum = new SufficientStats[perVoxel.length];
        for (int j = 0; j < sum.length; j++) {
            sum[j] = perVoxel[j].plus(other.perVoxel[j]);
        }
        return new FusionStatistics(layers, sum);
    }

    /** Statistics of the union of several sample sets, all of the same shape. */
    static FusionStatistics sum(List<FusionStatistics> parts) {
        FusionStatistics total = new FusionStatistics(parts.get(0).layers, parts.get(0).voxels());
        for (FusionStatistics part : parts) {
            total = total.plus(part);
        }
        return total;
    }

    public long n() {
        return perVoxel[0].n();
    }

    public int layers() {
        return layers;
    }

    public int voxels() {
        return perVoxel.length;
    }

    /** Voxel j's statistics: features are the L layer predictions, the single target is the observation. */
    SufficientStats voxel(int j) {
        return perVoxel[j];
    }

    /** Bytes of {@link #toBytes()} for L layers and v voxels. */
    public static long sizeBytes(int layers, int voxels) {
        return HEADER_BYTES + voxels * SufficientStats.sizeBytes(layers, 1);
    }

    /**
     * Little-endian encoding: int32 magic "NEFS", int32 format 1, int32 L, int32 v, int64 n, then for each voxel
     * in order the {@link SufficientStats#toBytes()} encoding of its statistics (p = L, v = 1).
     *
     * @throws IllegalStateException if the encoding would exceed the 2 GiB of one Java array
     */
    public byte[] toBytes() {
        long size = sizeBytes(layers, voxels());
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("fusion statistics of L=" + layers + ", v=" + voxels() + " take " + size + " bytes; block the voxels");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).putInt(FORMAT).putInt(layers).putInt(voxels()).putLong(n());
        for (SufficientStats voxel : perVoxel) {
            out.put(voxel.toBytes());
        }
        return out.array();
    }

    /** Decodes {@link #toBytes()}. @throws IllegalArgumentException on a malformed or inconsistent encoding */
    public static FusionStatistics fromBytes(byte[] bytes) {
        if (bytes.length < HEADER_BYTES) {
            throw new IllegalArgumentException("fusion statistics need at least " + HEADER_BYTES + " bytes, got " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt();
        int format = in.getInt();
        if (magic != MAGIC || format != FORMAT) {
            throw new IllegalArgumentException("not fusion statistics of format " + FORMAT + " (magic " + Integer.toHexString(magic) + ", format " + format + ")");
        }
        int layers = in.getInt();
        int voxels = in.getInt();
        long n = in.getLong();
        if (layers < 1 || voxels < 1 || n < 0 || bytes.length != sizeBytes(layers, voxels)) {
            throw new IllegalArgumentException("malformed fusion statistics: L=" + layers + ", v=" + voxels + ", n=" + n + ", " + bytes.length + " bytes");
        }
        int voxelBytes = (int) SufficientStats.sizeBytes(layers, 1);
        SufficientStats[] perVoxel = new SufficientStats[voxels];
        for (int j = 0; j < voxels; j++) {
            int from = HEADER_BYTES + j * voxelBytes;
            perVoxel[j] = SufficientStats.fromBytes(Arrays.copyOfRange(bytes, from, from + voxelBytes));
            if (perVoxel[j].features() != layers || perVoxel[j].voxels() != 1 || perVoxel[j].n() != n) {
                throw new IllegalArgumentException("voxel " + j + " of the fusion statistics disagrees with the header");
            }
        }
        return new FusionStatistics(layers, perVoxel);
    }

    void checkShape(FusionStatistics other) {
        if (other.layers != layers || other.voxels() != voxels()) {
            throw new IllegalArgumentException("fusion statistics shapes differ: L=" + layers + ", v=" + voxels() + " vs L=" + other.layers
                    + ", v=" + other.voxels());
        }
    }

    private void checkSample(double[][] perLayerPredictions, double[] observed) {
        if (perLayerPredictions.length != layers) {
            throw new IllegalArgumentException(perLayerPredictions.length + " layers of predictions, expected " + layers);
        }
        for (int l = 0; l < layers; l++) {
            Finite.requireLength(perLayerPredictions[l], voxels(), "predictions of layer " + l);
            Finite.requireFinite(perLayerPredictions[l], "predictions of layer " + l);
        }
        Finite.requireLength(observed, voxels(), "observed");
        Finite.requireFinite(observed, "observed");
    }

    private static double[] column(double[][] perLayer, int voxel, double[] into) {
        for (int l = 0; l < perLayer.length; l++) {
            into[l] = perLayer[l][voxel];
        }
        return into;
    }
}
