package org.neuroencode.encoder.ridge;

import java.util.List;

/**
 * The pooled statistics of the folds a model is trained on, expressed about the centers its model uses:
 * the pooled means when an intercept is fitted (so the intercept is ȳ − x̄ᵀw), zero otherwise.
 *
 * <p>Pooling sums each member's co-moments plus its mean-shift term about the common center, instead of
 * subtracting folds from a total, so no cancellation enters the training Gram.
 */
final class TrainingSet {

    private final List<SufficientStats> members;
    private final int p;
    private final int v;
    private final long n;
    private final double[] meanX;
    private final double[] centerX;
    private final double[] centerY;
    private final double[][] memberOffsetX;
    private final double[][] memberOffsetY;

    private TrainingSet(List<SufficientStats> members, boolean fitIntercept) {
        this.members = List.copyOf(members);
        SufficientStats first = members.get(0);
        this.p = first.features();
        this.v = first.voxels();
        long count = 0;
        double[] pooledX = new double[p];
        double[] pooledY = new double[v];
        for (SufficientStats member : members) {
            count += member.n();
            // running weighted mean: equal member means stay bit-exact, so constant features stay exactly constant
            double weight = (double) member.n() / count;
            accumulateMean(pooledX, member.meanXStorage(), weight);
            accumulateMean(pooledY, member.meanYStorage(), weight);
        }
        this.n = count;
        this.meanX = pooledX;
        this.centerX = fitIntercept ? pooledX : new double[p];
        this.centerY = fitIntercept ? pooledY : new double[v];
        this.memberOffsetX = new double[members.size()][];
        this.memberOffsetY = new double[members.size()][];
        for (int h = 0; h < members.size(); h++) {
            memberOffsetX[h] = difference(members.get(h).meanXStorage(), centerX);
            memberOffsetY[h] = difference(members.get(h).meanYStorage(), centerY);
        }
    }

    static TrainingSet pool(List<SufficientStats> members, boolean fitIntercept) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a training set needs at least one fold");
        }
        return new TrainingSet(members, fitIntercept);
    }

    int features() {
        return p;
    }

    int voxels() {
        return v;
    }

    double[] centerX() {
        return centerX;
    }

    double[] centerY() {
        return centerY;
    }

    /** Σ(x − c)(x − c)ᵀ over the pooled samples, row-major p×p. */
    double[] gram() {
        double[] gram = new double[p * p];
        for (int h = 0; h < members.size(); h++) {
            double[] cxx = members.get(h).cxxStorage();
            double[] offset = memberOffsetX[h];
            double count = members.get(h).n();
            for (int i = 0; i < p; i++) {
                addShifted(gram, i * p, cxx, i * p, count * offset[i], offset, 0, p);
            }
        }
        return gram;
    }

    /** Population variance of each feature about the pooled mean, for standardization. */
    double[] featureVariance() {
        double[] variance = new double[p];
        for (SufficientStats member : members) {
            double[] cxx = member.cxxStorage();
            double[] mean = member.meanXStorage();
            for (int i = 0; i < p; i++) {
                double shift = mean[i] - meanX[i];
                variance[i] += cxx[i * p + i] + member.n() * shift * shift;
            }
        }
        for (int i = 0; i < p; i++) {
            variance[i] /= n;
        }
        return variance;
    }

    /** Writes Σ(x − cx)(y − cy)ᵀ for voxels [from, from + out.cols()) into the p×width matrix {@code out}. */
    void crossInto(int from, Matrix out) {
        int width = out.cols();
        double[] row = new double[width];
        for (int i = 0; i < p; i++) {
            java.util.Arrays.fill(row, 0);
            for (int h = 0; h < members.size(); h++) {
                double[] cxy = members.get(h).cxyStorage();
                double[] offsetY = memberOffsetY[h];
                double scaled = members.get(h).n() * memberOffsetX[h][i];
                addShifted(row, 0, cxy, i * v + from, scaled, offsetY, from, width);
            }
            out.write(i * width, row, 0, width);
        }
    }

    /**
     * target[t + j] += source[s + j] + scale · shift[h + j] for j < count: one member's co-moments moved to the pooled
     * center. A method of its own so that the JIT compiles the loop once rather than again inside each caller.
     */
    private static void addShifted(double[] target, int t, double[] source, int s, double scale, double[] shift, int h, int count) {
        for (int j = 0; j < count; j++) {
            target[t + j] += source[s + j] + scale * shift[h + j];
        }
    }

    /** x̄_fold − cx: where the validation fold's feature mean sits relative to this model's center. */
    double[] offsetX(SufficientStats fold) {
        return difference(fold.meanXStorage(), centerX);
    }

    private static void accumulateMean(double[] pooled, double[] memberMean, double weight) {
        for (int i = 0; i < pooled.length; i++) {
            pooled[i] += (memberMean[i] - pooled[i]) * weight;
        }
    }

    /** a − b, element by element. */
    static double[] difference(double[] a, double[] b) {
        double[] difference = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            difference[i] = a[i] - b[i];
        }
        return difference;
    }
}
