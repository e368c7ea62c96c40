package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PredictionMoments} against the moments written out directly: each prediction and observation shifted to its
 * center in double, then the mean, Σ(ŷ − ŷ̄)² and Σ(ŷ − ŷ̄)(y − ȳ) by two-pass sums.
 */
class PredictionMomentsTest {

    @Test
    void shouldEqualTheMomentsOfTheShiftedPredictionsAndObservations() {
        Random random = new Random(5);
        int n = 30;
        int voxels = 9;
        int firstRow = 11;
        int rows = 7;
        int from = 2;
        int width = 5;
        int alphas = 3;
        // offsets on the centers, as a fit's responses about their means carry, and predictions of unequal spread
        SingleMatrix responses = SingleMatrix.onHeap(n, voxels);
        double[] sampleCenter = new double[voxels];
        double[] foldMean = new double[voxels];
        double[] trainingCenter = new double[voxels];
        for (int j = 0; j < voxels; j++) {
            sampleCenter[j] = 100 + random.nextGaussian();
            foldMean[j] = sampleCenter[j] + 0.3 * random.nextGaussian();
            trainingCenter[j] = sampleCenter[j] + 0.3 * random.nextGaussian();
            for (int i = 0; i < n; i++) {
                responses.writeRow(i, j, new float[] {(float) random.nextGaussian()}, 0, 1);
            }
        }
        SingleMatrix predictions = SingleMatrix.onHeap(alphas * rows, width);
        double[] hatRowSums = new double[alphas * rows];
        for (int r = 0; r < alphas * rows; r++) {
            hatRowSums[r] = random.nextDouble();
            for (int j = 0; j < width; j++) {
                predictions.writeRow(r, j, new float[] {(float) ((1 + r / rows) * random.nextGaussian() + 0.5)}, 0, 1);
            }
        }

        PredictionMoments moments = new PredictionMoments(rows, width);
        moments.observe(responses, firstRow, from, sampleCenter, foldMean, trainingCenter);
        double[] meanShift = new double[alphas * width];
        double[] sumPP = new double[alphas * width];
        double[] sumPO = new double[alphas * width];
        for (int a = 0; a < alphas; a++) {
            moments.predict(predictions, a * rows, hatRowSums, meanShift, sumPP, sumPO, a * width);
        }

        for (int a = 0; a < alphas; a++) {
            for (int j = 0; j < width; j++) {
                int voxel = from + j;
                double[] predicted = new double[rows];
                double[] observed = new double[rows];
                for (int i = 0; i < rows; i++) {
                    int row = a * rows + i;
                    predicted[i] = predictions.get(row, j) + hatRowSums[row] * (sampleCenter[voxel] - trainingCenter[voxel]);
                    observed[i] = responses.get(firstRow + i, voxel) + sampleCenter[voxel] - foldMean[voxel];
                }
                double predictedMean = mean(predicted);
                double observedMean = mean(observed);
                double squares = 0;
                double cross = 0;
                for (int i = 0; i < rows; i++) {
                    squares += (predicted[i] - predictedMean) * (predicted[i] - predictedMean);
                    cross += (predicted[i] - predictedMean) * (observed[i] - observedMean);
                }
                String where = "alpha " + a + ", voxel " + voxel;
                assertEquals(predictedMean, meanShift[a * width + j], 1e-12, where);
                assertEquals(squares, sumPP[a * width + j], 1e-12 * Math.max(1, squares), where);
                assertEquals(cross, sumPO[a * width + j], 1e-12 * Math.max(1, Math.abs(cross)), where);
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
