package org.neuroencode.encoder.reduction;

import org.neuroencode.core.math.Finite;

/**
 * The training samples' features, read a row segment at a time. Float rows are accepted as such because
 * features arrive as float32 and a large layer (10⁵ features × 10³ stimuli) should not be doubled in memory
 * just to be fitted.
 */
abstract sealed class TrainingRows {

    private final int n;
    private final int p;

    private TrainingRows(int n, int p) {
        this.n = n;
        this.p = p;
    }

    /** @throws IllegalArgumentException if there are no rows, the rows are ragged or empty, or a value is not finite */
    static TrainingRows of(double[][] rows) {
        int p = checkShape(rows.length, rows.length == 0 ? 0 : rows[0].length);
        for (int i = 0; i < rows.length; i++) {
            checkRow(rows[i] == null ? -1 : rows[i].length, p, i);
            Finite.requireFinite(rows[i], "features of sample " + i);
        }
        return new Doubles(rows, p);
    }

    /** @throws IllegalArgumentException if there are no rows, the rows are ragged or empty, or a value is not finite */
    static TrainingRows of(float[][] rows) {
        int p = checkShape(rows.length, rows.length == 0 ? 0 : rows[0].length);
        for (int i = 0; i < rows.length; i++) {
            checkRow(rows[i] == null ? -1 : rows[i].length, p, i);
            Finite.requireFinite(rows[i], "features of sample " + i);
        }
        return new Floats(rows, p);
    }

    int samples() {
        return n;
    }

    int features() {
        return p;
    }

    /** Copies features {@code from..from+count−1} of sample {@code row} into {@code target}. */
    abstract void copy(int row, int from, int count, double[] target);

    private static int checkShape(int n, int p) {
        if (n == 0 || p == 0) {
            throw new IllegalArgumentException("PCA needs samples with at least one feature, got " + n + " samples of " + p + " features");
        }
        return p;
    }

    private static void checkRow(int length, int p, int row) {
        if (length != p) {
            throw new IllegalArgumentException("sample " + row + " has " + length + " features, sample 0 has " + p);
        }
    }

    private static final class Doubles extends TrainingRows {

        private final double[][] rows;

        Doubles(double[][] rows, int p) {
            super(rows.length, p);
            this.rows = rows;
        }

        @Override
        void copy(int row, int from, int count, double[] target) {
            System.arraycopy(rows[row], from, target, 0, count);
        }
    }

    private static final class Floats extends TrainingRows {

        private final float[][] rows;

        Floats(float[][] rows, int p) {
            super(rows.length, p);
            this.rows = rows;
        }

        @Override
        void copy(int row, int from, int count, double[] target) {
            float[] source = rows[row];
            for (int j = 0; j < count; j++) {
                target[j] = source[from + j];
            }
        }
    }
}
