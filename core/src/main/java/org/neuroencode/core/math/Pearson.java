package org.neuroencode.core.math;

import java.util.Arrays;

/** Plain two-pass statistics, used where samples are at hand and as the reference for streamed moments. */
public final class Pearson {

    private Pearson() {
    }

    /**
     * Pearson correlation computed the long way (means first, then centered sums), which avoids the
     * cancellation of the one-pass formula.
     *
     * @return NaN when either series has zero variance or fewer than two elements
     */
    public static double pearson(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("series lengths differ: " + a.length + " vs " + b.length);
        }
        Finite.requireFinite(a, "a");
        Finite.requireFinite(b, "b");
        double meanA = mean(a);
        double meanB = mean(b);
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - meanA;
            double db = b[i] - meanB;
            saa += da * da;
            sbb += db * db;
            sab += da * db;
        }
        return correlation(sab, saa, sbb);
    }

    /** Correlation from centered co-moments; NaN when a variance is not positive. */
    public static double correlation(double coMoment, double moment1, double moment2) {
        if (!(moment1 > 0) || !(moment2 > 0)) {
            return Double.NaN;
        }
        return coMoment / Math.sqrt(moment1 * moment2);
    }

    /** @return the mean of the non-NaN elements, or NaN if there are none */
    public static double meanIgnoringNaN(double[] values) {
        double sum = 0;
        int count = 0;
        for (double value : values) {
            if (!Double.isNaN(value)) {
                sum += value;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** @return the median of the non-NaN elements (mean of the middle two for an even count), or NaN if there are none */
    public static double medianIgnoringNaN(double[] values) {
        double[] kept = Arrays.stream(values).filter(value -> !Double.isNaN(value)).sorted().toArray();
        if (kept.length == 0) {
            return Double.NaN;
        }
        int middle = kept.length / 2;
        return kept.length % 2 == 1 ? kept[middle] : (kept[middle - 1] + kept[middle]) / 2;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }
}
