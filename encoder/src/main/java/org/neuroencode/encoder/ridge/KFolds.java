package org.neuroencode.encoder.ridge;

/**
 * A partition of samples 0..n−1 into k contiguous folds, sized as scikit-learn's
 * {@code KFold(shuffle=False)}: the first n mod k folds hold one extra sample. Unlike scikit-learn, n < k is
 * allowed and leaves the trailing folds empty; the solver skips empty folds.
 */
public final class KFolds {

    private final int[] starts;

    private KFolds(int[] starts) {
        this.starts = starts;
    }

    public static KFolds contiguous(int n, int k) {
        if (n < 0 || k < 1) {
            throw new IllegalArgumentException("cannot split " + n + " samples into " + k + " folds");
        }
        int[] starts = new int[k + 1];
        for (int f = 0; f < k; f++) {
            int size = n / k + (f < n % k ? 1 : 0);
            starts[f + 1] = starts[f] + size;
        }
        return new KFolds(starts);
    }

    public int count() {
        return starts.length - 1;
    }

    /** First sample of {@code fold}. */
    public int start(int fold) {
        return starts[fold];
    }

    /** One past the last sample of {@code fold}. */
    public int end(int fold) {
        return starts[fold + 1];
    }

    public int size(int fold) {
        return end(fold) - start(fold);
    }

    public int foldOf(int sample) {
        if (sample < 0 || sample >= starts[starts.length - 1]) {
            throw new IndexOutOfBoundsException("sample " + sample + " outside 0.." + (starts[starts.length - 1] - 1));
        }
        int fold = 0;
        while (sample >= starts[fold + 1]) {
            fold++;
        }
        return fold;
    }
}
