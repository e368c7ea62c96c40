package org.neuroencode.encoder.reduction;

import java.util.Random;
import java.util.stream.Stream;
import org.neuroencode.encoder.ridge.LinearAlgebra;
import org.neuroencode.encoder.ridge.PlainJavaLinearAlgebra;

final class PcaProblems {

    private PcaProblems() {
    }

    /**
     * Features with a decaying latent spectrum plus noise, on very different offsets (up to 1e6) and scales
     * (1e-3 to 1e3), so that standardization matters and naive one-pass moments would fail.
     */
    static double[][] features(long seed, int n, int p) {
        Random random = new Random(seed);
        int latent = Math.min(n, p);
        double[][] factors = new double[n][latent];
        for (double[] row : factors) {
            for (int r = 0; r < latent; r++) {
                row[r] = random.nextGaussian() * Math.pow(0.8, r);
            }
        }
        double[][] x = new double[n][p];
        for (int j = 0; j < p; j++) {
            double offset = j % 3 == 0 ? 1e6 : random.nextGaussian() * 10;
            double scale = Math.pow(10, -3 + 6 * random.nextDouble());
            double[] loading = random.doubles(latent, -1, 1).toArray();
            for (int i = 0; i < n; i++) {
                double value = 0.1 * random.nextGaussian();
                for (int r = 0; r < latent; r++) {
                    value += factors[i][r] * loading[r];
                }
                x[i][j] = offset + scale * value;
            }
        }
        return x;
    }

    static Stream<LinearAlgebra> backends() {
        LinearAlgebra preferred = LinearAlgebra.preferred();
        return preferred instanceof PlainJavaLinearAlgebra ? Stream.of(preferred) : Stream.of(preferred, new PlainJavaLinearAlgebra());
    }

    static double[][] rows(double[] rowMajor, int rows, int cols) {
        double[][] matrix = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(rowMajor, r * cols, matrix[r], 0, cols);
        }
        return matrix;
    }
}
