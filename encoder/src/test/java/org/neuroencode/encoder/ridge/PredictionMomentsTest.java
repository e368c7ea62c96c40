package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PredictionMoments} against the moments written out directly: each prediction and observation shifted to its
 * center in double, then the mean, Σ(ŷ − ŷ̄)² and Σ(ŷ − ŷ̄)(y − ȳ) by two-pass sums.
 */
class PredictionMomentsTest {

    private static final int N = 30;
    private static final int VOXELS = 9;
    private static final int FIRST_ROW = 11;
    private static final int ROWS = 7;
    private static final int FROM = 2;
    private static final int WIDTH = 5;
    private static final int ALPHAS = 3;

    // offsets on the centers, as a fit's responses about their means carry, and predictions of unequal spread
    private final Random random = new Random(5);
    private final SingleMatrix responses = SingleMatrix.onHeap(N, VOXELS);
    private final double[] sampleCenter = new double[VOXELS];
    private final double[] foldMean = new double[VOXELS];
    private final double[] trainingCenter = new double[VOXELS];
    private final SingleMatrix predictions = SingleMatrix.onHeap(ALPHAS * ROWS, WIDTH);
    private final double[] hatRowSums = new double[ALPHAS * ROWS];

    PredictionMomentsTest() {
        for (int j = 0; j < VOXELS; j++) {
            sampleCenter[j] = 100 + random.nextGaussian();
            foldMean[j] = sampleCenter[j] + 0.3 * random.nextGaussian();
            trainingCenter[j] = sampleCenter[j] + 0.3 * random.nextGaussian();
            for (int i = 0; i < N; i++) {
                responses.writeRow(i, j, new float[] {(float) random.nextGaussian()}, 0, 1);
            }
        }
        for (int r = 0; r < ALPHAS * ROWS; r++) {
            hatRowSums[r] = random.nextDouble();
            for (int j = 0; j < WIDTH; j++) {
                predictions.writeRow(r, j, new float[] {(float) ((1 + r / ROWS) * random.nextGaussian() + 0.5)}, 0, 1);
            }
        }
    }

    @Test
    void shouldEqualTheMomentsOfTheShiftedPredictionsAndObservations() {
        PredictionMoments moments = new PredictionMoments(ROWS, WIDTH);
        moments.observe(responses, FIRST_ROW, FROM, sampleCenter, foldMean, trainingCenter);
        double[] meanShift = new double[ALPHAS * WIDTH];
        double[] sumPP = new double[ALPHAS * WIDTH];
        double[] sumPO = new double[ALPHAS * WIDTH];
        for (int a = 0; a < ALPHAS; a++) {
            moments.predict(predictions, a * ROWS, hatRowSums, meanShift, sumPP, sumPO, a * WIDTH);
        }

        for (int a = 0; a < ALPHAS; a++) {
            for (int j = 0; j < WIDTH; j++) {
                int voxel = FROM + j;
                double[] predicted = new double[ROWS];
                double[] observed = new double[ROWS];
                for (int i = 0; i < ROWS; i++) {
                    int row = a * ROWS + i;
                    predicted[i] = predictions.get(row, j) + hatRowSums[row] * (sampleCenter[voxel] - trainingCenter[voxel]);
                    observed[i] = responses.get(FIRST_ROW + i, voxel) + sampleCenter[voxel] - foldMean[voxel];
                }
                double predictedMean = mean(predicted);
                double observedMean = mean(observed);
                double squares = 0;
                double cross = 0;
                for (int i = 0; i < ROWS; i++) {
                    squares += (predicted[i] - predictedMean) * (predicted[i] - predictedMean);
                    cross += (predicted[i] - predictedMean) * (observed[i] - observedMean);
                }
                String where = "alpha " + a + ", voxel " + voxel;
                assertEquals(predictedMean, meanShift[a * WIDTH + j], 1e-12, where);
                assertEquals(squares, sumPP[a * WIDTH + j], 1e-12 * Math.max(1, squares), where);
                assertEquals(cross, sumPO[a * WIDTH + j], 1e-12 * Math.max(1, Math.abs(cross)), where);
            }
        }
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
