package org.neuroencode.encoder.ridge;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Timings, not assertions; off by default. Run with
 * {@code mvn -o test -pl encoder -Dtest=RidgeSolveBenchmarkTest -Dridge.benchmark=true}; add
 * {@code -Dridge.benchmark.sizes=n:p:v,...} for other sizes.
 */
@EnabledIfSystemProperty(named = "ridge.benchmark", matches = "true")
class RidgeSolveBenchmarkTest {

    @Test
    void reportSolveTimes() {
        String sizes = System.getProperty("ridge.benchmark.sizes", "1000:100:1000");
        RidgeSettings settings = RidgeSettings.parse("1e-2:1e5:10");
        for (String size : sizes.split(",")) {
            String[] parts = size.split(":");
            int n = Integer.parseInt(parts[0]);
            int p = Integer.parseInt(parts[1]);
            int v = Integer.parseInt(parts[2]);
            double[][][] samples = randomSamples(n, p, v);
            KFolds kFolds = KFolds.contiguous(n, 5);
            long start = System.nanoTime();
            SufficientStats[] folds = new SufficientStats[5];
            for (int f = 0; f < 5; f++) {
                folds[f] = new SufficientStats(p, v);
                for (int r = kFolds.start(f); r < kFolds.end(f); r++) {
                    folds[f].add(samples[0][r], samples[1][r]);
                }
            }
            double accumulate = seconds(start);
            for (LinearAlgebra backend : new LinearAlgebra[] {new OpenBlasLinearAlgebra(), new PlainJavaLinearAlgebra()}) {
                if (backend instanceof PlainJavaLinearAlgebra && p > 200) {
                    continue;
                }
                NestedRidgeCv solver = new NestedRidgeCv(settings, backend);
                solver.solve(folds);
                start = System.nanoTime();
                solver.solve(folds);
                System.out.printf("n=%d p=%d v=%d alphas=10 folds=5 %s: accumulate %.2f s (%.1f µs/sample), solve %.2f s%n",
                        n, p, v, backend.name(), accumulate, accumulate * 1e6 / n, seconds(start));
            }
        }
    }

    /** x (n×p) and y = xW + heteroscedastic noise (n×v). */
    private static double[][][] randomSamples(int n, int p, int v) {
        Random random = new Random(1);
        double[][] weights = new double[p][v];
        for (double[] row : weights) {
            for (int j = 0; j < v; j++) {
                row[j] = random.nextGaussian() / Math.sqrt(p);
            }
        }
        double[][] x = new double[n][p];
        double[][] y = new double[n][v];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < p; i++) {
                x[r][i] = random.nextGaussian();
            }
            for (int j = 0; j < v; j++) {
                y[r][j] = (1 + j % 10) * random.nextGaussian();
            }
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < v; j++) {
                    y[r][j] += x[r][i] * weights[i][j];
                }
            }
        }
        return new double[][][] {x, y};
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
