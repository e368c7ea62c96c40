package org.neuroencode.extractor.video;

/**
 * Resizes row-major float images by area averaging: each output pixel is the mean of the source area it
 * covers, with fractional weights at the edges. Unlike point sampling this does not alias fine gratings
 * into false coarse ones, which would fake motion-energy responses. The weights are computed once per size
 * pair, so one instance serves every frame of a clip; an instance is immutable and thread-safe.
 */
public final class AreaResampler {

    private final int sourceWidth;
    private final int sourceHeight;
    private final int targetWidth;
    private final int targetHeight;
    private final AxisWeights columns;
    private final AxisWeights rows;

    public AreaResampler(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight) {
        if (sourceWidth <= 0 || sourceHeight <= 0 || targetWidth <= 0 || targetHeight <= 0) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        this.sourceWidth = sourceWidth;
        this.sourceHeight = sourceHeight;
        this.targetWidth = targetWidth;
        this.targetHeight = targetHeight;
        this.columns = new AxisWeights(sourceWidth, targetWidth);
        this.rows = new AxisWeights(sourceHeight, targetHeight);
    }

    public float[] apply(float[] source) {
        if (source.length != sourceWidth * sourceHeight) {
            throw new IllegalArgumentException("expected " + sourceWidth * sourceHeight + " pixels, got " + source.length);
        }
        // Separable: averaging along rows first, then columns, gives the exact 2-D area average.
        float[] horizontal = new float[sourceHeight * targetWidth];
        for (int r = 0; r < sourceHeight; r++) {
            columns.average(source, r * sourceWidth, 1, horizontal, r * targetWidth, 1);
        }
        float[] target = new float[targetHeight * targetWidth];
        for (int c = 0; c < targetWidth; c++) {
            rows.average(horizontal, c, targetWidth, target, c, targetWidth);
        }
        return target;
    }

    /** For each output index along one axis, the source indices it overlaps and the overlap fractions. */
    private static final class AxisWeights {
        private final int[] first;
        private final double[][] weights;

        AxisWeights(int sourceLength, int targetLength) {
            first = new int[targetLength];
            weights = new double[targetLength][];
            double scale = (double) sourceLength / targetLength;
            for (int i = 0; i < targetLength; i++) {
                double start = i * scale;
                double end = (i + 1) * scale;
                int lo = (int) Math.floor(start);
                int hi = Math.min(sourceLength, (int) Math.ceil(end));
                first[i] = lo;
                weights[i] = new double[hi - lo];
                for (int s = lo; s < hi; s++) {
                    double overlap = Math.min(end, s + 1) - Math.max(start, s);
                    weights[i][s - lo] = overlap / scale;
                }
            }
        }

        void average(float[] in, int inOffset, int inStride, float[] out, int outOffset, int outStride) {
            for (int i = 0; i < first.length; i++) {
                double sum = 0;
                double[] w = weights[i];
                int base = inOffset + first[i] * inStride;
                for (int k = 0; k < w.length; k++) {
                    sum += w[k] * in[base + k * inStride];
                }
                out[outOffset + i * outStride] = (float) sum;
            }
        }
    }
}
