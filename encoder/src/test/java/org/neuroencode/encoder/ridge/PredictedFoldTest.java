package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PredictedFold}'s R² scores, which it forms from float errors summed by BLAS, against the squared errors
 * written out in double: the observed row y_f and the prediction c_y + H(Y_tr − c_y), with Y − c_s taken as the
 * fit's float copy holds it.
 */
class PredictedFoldTest {

    private static final int N = 24;
    private static final int P = 3;
    private static final int VOXELS = 7;
    private static final int START = 8;
    private static final int END = 14;
    private static final int FROM = 2;
    private static final int WIDTH = 4;
    private static final int ALPHAS = 3;

    @Test
    void shouldScoreEachAlphaFromTheSquaredErrorsOfItsPredictions() {
        assumeTrue(OpenBlasLinearAlgebra.isAvailable(), "no OpenBLAS natives for this platform");
        Random random = new Random(6);
        int foldSize = END - START;
        int trainingSize = N - foldSize;
        double[] x = random.doubles(N * P).toArray();
        double[] y = new double[N * VOXELS];
        double[] sampleCenter = new double[VOXELS];
        double[] trainingCenter = new double[VOXELS];
        for (int j = 0; j < VOXELS; j++) {
            // responses on an offset, their centers apart by a fraction of their spread
            sampleCenter[j] = 50 + random.nextGaussian();
            trainingCenter[j] = sampleCenter[j] + 0.3 * random.nextGaussian();
            for (int i = 0; i < N; i++) {
                y[i * VOXELS + j] = sampleCenter[j] + random.nextGaussian();
            }
        }
        float[] hat = new float[ALPHAS * foldSize * trainingSize];
        double[] rowSums = new double[ALPHAS * foldSize];
        for (int r = 0; r < ALPHAS * foldSize; r++) {
            for (int t = 0; t < trainingSize; t++) {
                hat[r * trainingSize + t] = (float) (random.nextGaussian() / trainingSize);
                rowSums[r] += hat[r * trainingSize + t];
            }
        }
        SufficientStats fold = SufficientStats.momentsOfRows(x, y, P, VOXELS, START, END);
        for (LinearAlgebra backend : new LinearAlgebra[] {new PlainJavaLinearAlgebra(), new OpenBlasLinearAlgebra()}) {
            try (ValidationPair.SingleResponses single = ValidationPair.SingleResponses.of(y, N, sampleCenter, backend)) {
                ValidationPair.Rows rows = new ValidationPair.Rows(x, y, N, START, END, single);
                SingleMatrix stacked = backend.allocateSingle(ALPHAS * foldSize, trainingSize);
                for (int r = 0; r < ALPHAS * foldSize; r++) {
                    stacked.writeRow(r, 0, hat, r * trainingSize, trainingSize);
                }
                try (PredictedFold validation = PredictedFold.ofRounded(stacked, rowSums, fold, trainingCenter, rows, RidgeSettings.Criterion.R2, backend)) {
                    AlphaPath path = validation.evaluate(FROM, WIDTH);
                    for (int a = 0; a < ALPHAS; a++) {
                        for (int j = 0; j < WIDTH; j++) {
                            int voxel = FROM + j;
                            double squaredErrors = 0;
                            for (int i = 0; i < foldSize; i++) {
                                int row = a * foldSize + i;
                                double prediction = trainingCenter[voxel];
                                for (int t = 0; t < trainingSize; t++) {
                                    int sample = t < START ? t : t + foldSize;
                                    double centered = single.centered().get(sample, voxel) + sampleCenter[voxel] - trainingCenter[voxel];
                                    prediction += hat[row * trainingSize + t] * centered;
                                }
                                double error = y[(START + i) * VOXELS + voxel] - prediction;
                                squaredErrors += error * error;
                            }
                            double expected = 1 - squaredErrors / fold.cyyStorage()[voxel];
                            assertEquals(expected, path.score(RidgeSettings.Criterion.R2, a, j), 1e-6, backend.name() + ": alpha " + a + ", voxel " + voxel);
                        }
                    }
                }
            }
        }
    }
}
