package org.neuroencode.encoder.ridge;

/**
 * The per-voxel moments of one fold block's float predictions against its observations, summed in double, for
 * Pearson's r in {@link PredictedFold}. The observed rows are read once per block ({@link #observe}); each alpha's
 * predictions then give its mean shift, Σ(ŷ − ŷ̄)² and Σ(ŷ − ŷ̄)(y − ȳ) ({@link #predict}). (R² needs only the squared
 * errors, which {@link PredictedFold} forms without a Java loop.)
 *
 * <p>The row loops live here rather than in {@link PredictedFold#evaluate}: a fresh {@code fit} command spends much of
 * its first second compiling, and the JIT compiled that method, with these loops inlined, twice on stack replacement
 * (the two largest compilations of the fit in its compilation log); its caller now has no hot loop.
 */
final class PredictionMoments {

    private final int rows;
    private final int width;
    private final float[] values;
    private final double[][] observed;
    private final double[] observedSum;
    private final double[] predictedShift;
    private final double[] reference;
    private final double[] predicted;
    private final double[] sum;
    private final double[] squares;
    private final double[] cross;

    PredictionMoments(int rows, int width) {
        this.rows = rows;
        this.width = width;
        values = new float[width];
        observed = new double[rows][width];
        observedSum = new double[width];
        predictedShift = new double[width];
        reference = new double[width];
        predicted = new double[width];
        sum = new double[width];
        squares = new double[width];
        cross = new double[width];
    }

    int width() {
        return width;
    }

    /**
     * Reads the fold's observed rows: rows [firstRow, firstRow + rows) and columns [from, from + width) of the shared
     * float responses Y − c_s ({@code sampleCenter}), as deviations from the fold mean; predictions about
     * {@code trainingCenter} will be shifted by h_i (c_s − c_y).
     */
    void observe(SingleMatrix responses, int firstRow, int from, double[] sampleCenter, double[] foldMean, double[] trainingCenter) {
        double[] observedShift = new double[width];
        difference(sampleCenter, foldMean, from, observedShift);
        difference(sampleCenter, trainingCenter, from, predictedShift);
        java.util.Arrays.fill(observedSum, 0);
        for (int i = 0; i < rows; i++) {
            responses.readRow(firstRow + i, from, values, 0, width);
            SingleMatrix.widen(values, observed[i]);
            Matrix.addScaled(observed[i], 1, observedShift);
            Matrix.addScaled(observedSum, 1, observed[i]);
        }
    }

    /**
     * The moments of the predictions in rows [firstRow, firstRow + rows) of {@code predictions} (exactly this block's
     * width), whose hat rows sum to {@code hatRowSums[firstRow + i]}, into entries [target, target + width) of the
     * outputs: one pass about the first row's prediction (close to the mean), so that the variance keeps its digits.
     */
    void predict(SingleMatrix predictions, int firstRow, double[] hatRowSums, double[] meanShift, double[] sumPP, double[] sumPO, int target) {
        predictions.readRow(firstRow, 0, values, 0, width);
        SingleMatrix.widen(values, reference);
        Matrix.addScaled(reference, hatRowSums[firstRow], predictedShift);
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(squares, 0);
        java.util.Arrays.fill(cross, 0);
        for (int i = 0; i < rows; i++) {
            predictions.readRow(firstRow + i, 0, values, 0, width);
            SingleMatrix.widen(values, predicted);
            shiftAbout(predicted, hatRowSums[firstRow + i], predictedShift, reference);
            accumulate(predicted, observed[i], sum, squares, cross);
        }
        for (int j = 0; j < width; j++) {
            double mean = sum[j] / rows;
            meanShift[target + j] = reference[j] + mean;
            sumPP[target + j] = squares[j] - rows * mean * mean;
            sumPO[target + j] = cross[j] - mean * observedSum[j];
        }
    }

    // one loop per step, each over whole rows of one element type: the JIT vectorizes these, and did not vectorize a
    // loop where floats meet doubles in arithmetic, nor the shift fused into the accumulation (2-3× slower, measured),
    // nor rows read at an offset into one long array. Widening and scaled additions are the fit's shared loops
    // (SingleMatrix.widen, Matrix.addScaled), compiled once for all their callers

    private static void difference(double[] left, double[] right, int from, double[] target) {
        for (int j = 0; j < target.length; j++) {
            target[j] = left[from + j] - right[from + j];
        }
    }

    /** values ← values + scale·shift − reference. */
    private static void shiftAbout(double[] values, double scale, double[] shift, double[] reference) {
        for (int j = 0; j < values.length; j++) {
            values[j] += scale * shift[j] - reference[j];
        }
    }

    /** Σt, Σt² and Σt·o over a fold row. */
    private static void accumulate(double[] t, double[] observed, double[] sum, double[] squares, double[] cross) {
        for (int j = 0; j < t.length; j++) {
            double value = t[j];
            sum[j] += value;
            squares[j] += value * value;
            cross[j] += value * observed[j];
        }
    }
}
