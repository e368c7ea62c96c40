package org.neuroencode.encoder.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuroencode.encoder.ridge.InsufficientDataException;
import org.neuroencode.encoder.ridge.LinearAlgebra;
import org.neuroencode.encoder.ridge.PlainJavaLinearAlgebra;

class PcaFitterTest {

    /** Tall data (n > p) and wide data (p > n), each through both routes and every backend. */
    static Stream<Arguments> shapesRoutesAndBackends() {
        return PcaProblems.backends().flatMap(backend -> Stream.of(new int[] {60, 14}, new int[] {16, 45})
                .flatMap(shape -> Stream.of(PcaSettings.Route.COVARIANCE, PcaSettings.Route.GRAM)
                        .map(route -> Arguments.of(shape[0], shape[1], route, backend))));
    }

    @ParameterizedTest(name = "n={0} p={1} {2} {3}")
    @MethodSource("shapesRoutesAndBackends")
    void shouldMatchDirectSvdExplainedVariance(int n, int p, PcaSettings.Route route, LinearAlgebra backend) {
        double[][] x = PcaProblems.features(n * 31L + p, n, p);
        FeatureBasis basis = new PcaFitter(PcaSettings.defaults().withRoute(route), backend).fit(x);

        double[][] z = DirectSvd.standardize(x);
        DirectSvd.Svd reference = DirectSvd.svd(z);
        int k = Math.min(n - 1, p);
        assertEquals(k, basis.components(), "centered data of n samples has rank min(n − 1, p)");
        double totalVariance = 0;
        for (double s : reference.singularValues()) {
            totalVariance += s * s / (n - 1);
        }
        for (int r = 0; r < k; r++) {
            double expected = reference.singularValues()[r] * reference.singularValues()[r] / (n - 1);
            assertEquals(expected, basis.explainedVariance()[r], 1e-8 * expected, "explained variance " + r);
            assertEquals(expected / totalVariance, basis.explainedVarianceRatio()[r], 1e-8 * expected / totalVariance, "ratio " + r);
        }
        assertEquals(p, basis.totalVariance() * (n - 1) / n, 1e-8 * p, "standardized features each have population variance 1");
    }

    @ParameterizedTest(name = "n={0} p={1} {2} {3}")
    @MethodSource("shapesRoutesAndBackends")
    void shouldSpanTheDirectSvdSubspaceWithTheSameSignedComponents(int n, int p, PcaSettings.Route route, LinearAlgebra backend) {
        double[][] x = PcaProblems.features(n * 31L + p, n, p);
        FeatureBasis basis = new PcaFitter(PcaSettings.defaults().withComponents(6).withRoute(route), backend).fit(x);
        double[][] components = PcaProblems.rows(basis.componentMatrix(), basis.components(), p);
        double[][] rightVectors = DirectSvd.svd(DirectSvd.standardize(x)).rightVectors();
        double[][] reference = new double[6][];
        for (int r = 0; r < 6; r++) {
            reference[r] = largestLoadingPositive(rightVectors[r]);
        }

        for (double cosine : DirectSvd.principalCosines(components, reference)) {
            assertEquals(1, cosine, 1e-8, "cosine of a principal angle");
        }
        for (int r = 0; r < 6; r++) {
            assertArrayEquals(reference[r], components[r], 1e-8, "component " + r);
        }
    }

    @Test
    void shouldAgreeAcrossRoutesOnTheSameData() {
        double[][] x = PcaProblems.features(7, 30, 30);
        PcaSettings settings = PcaSettings.defaults().withComponents(10);
        FeatureBasis covariance = new PcaFitter(settings.withRoute(PcaSettings.Route.COVARIANCE)).fit(x);
        FeatureBasis gram = new PcaFitter(settings.withRoute(PcaSettings.Route.GRAM)).fit(x);

        assertArrayEquals(covariance.explainedVariance(), gram.explainedVariance(), 1e-9 * covariance.explainedVariance()[0]);
        assertArrayEquals(covariance.componentMatrix(), gram.componentMatrix(), 1e-8);
        assertArrayEquals(covariance.transform(x[3]), gram.transform(x[3]), 1e-7);
    }

    @Test
    void shouldChooseTheSmallerMatrixAutomatically() {
        PcaFitter fitter = new PcaFitter(PcaSettings.defaults());
        assertEquals(PcaSettings.Route.GRAM, fitter.routeFor(1000, 50_000));
        assertEquals(PcaSettings.Route.COVARIANCE, fitter.routeFor(1000, 1000));
        assertEquals(PcaSettings.Route.COVARIANCE, fitter.routeFor(1000, 100));
        assertEquals(PcaSettings.Route.GRAM, new PcaFitter(PcaSettings.defaults().withRoute(PcaSettings.Route.GRAM)).routeFor(1000, 100));
    }

    @Test
    void shouldTransformAsStandardizingThenProjectingByHand() {
        double[][] x = PcaProblems.features(3, 40, 12);
        FeatureBasis basis = new PcaFitter(PcaSettings.defaults().withComponents(5)).fit(x);
        double[] sample = new double[12];
        for (int j = 0; j < 12; j++) {
            sample[j] = (x[7][j] + x[9][j]) / 2;
        }

        double[] expected = new double[5];
        for (int r = 0; r < 5; r++) {
            for (int j = 0; j < 12; j++) {
                expected[r] += basis.component(r)[j] * (sample[j] - basis.means()[j]) / basis.scales()[j];
            }
        }
        double[] actual = basis.transform(sample);
        for (int r = 0; r < 5; r++) {
            assertEquals(expected[r], actual[r], 1e-12 * Math.max(1, Math.abs(expected[r])), "score " + r);
        }
    }

    @Test
    void shouldGiveTrainingScoresTheExplainedVariance() {
        double[][] x = PcaProblems.features(4, 50, 10);
        FeatureBasis basis = new PcaFitter(PcaSettings.defaults()).fit(x);
        double[] sumOfSquares = new double[basis.components()];
        for (double[] row : x) {
            double[] scores = basis.transform(row);
            for (int r = 0; r < scores.length; r++) {
                sumOfSquares[r] += scores[r] * scores[r];
            }
        }
        for (int r = 0; r < sumOfSquares.length; r++) {
            assertEquals(basis.explainedVariance()[r], sumOfSquares[r] / 49, 1e-8 * basis.explainedVariance()[r]);
        }
    }

    @Test
    void shouldUseScikitLearnScalerConventions() {
        double[][] x = {{1, 5, 100}, {2, 5, 300}, {4, 5, 200}, {5, 5, 400}};
        FeatureBasis basis = new PcaFitter(PcaSettings.defaults()).fit(x);

        assertArrayEquals(new double[] {3, 5, 250}, basis.means(), 1e-12);
        assertEquals(Math.sqrt(2.5), basis.scales()[0], 1e-12, "population std (ddof = 0)");
        assertEquals(1, basis.scales()[1], 0, "a constant feature keeps scale 1");
        assertEquals(Math.sqrt(12500), basis.scales()[2], 1e-9);
        for (int r = 0; r < basis.components(); r++) {
            assertEquals(0, basis.component(r)[1], 1e-12, "a constant feature has no loading");
        }
        assertEquals(2 * 4 / 3.0, basis.totalVariance(), 1e-12, "two unit-variance features, ddof = 1");
    }

    @Test
    void shouldTreatFeaturesConstantUpToRoundingAsConstant() {
        double[][] x = new double[7][];
        Random random = new Random(2);
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {0.1, random.nextGaussian(), random.nextGaussian()};
        }
        FeatureBasis basis = new PcaFitter(PcaSettings.defaults()).fit(x);
        assertEquals(1, basis.scales()[0], 0);
        assertEquals(2, basis.components());
    }

    @Test
    void shouldCapComponentsAtTheRankAndDropZeroVarianceOnes() {
        PcaFitter fitter = new PcaFitter(PcaSettings.defaults());
        assertEquals(9, fitter.fit(PcaProblems.features(1, 10, 30)).components(), "n = 10 samples leave 9 directions");
        assertEquals(5, fitter.fit(PcaProblems.features(1, 40, 5)).components(), "capped at p");

        Random random = new Random(3);
        double[][] rankTwo = new double[20][8];
        for (double[] row : rankTwo) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            for (int j = 0; j < 8; j++) {
                row[j] = a * (j + 1) + b * (j % 3 - 1);
            }
        }
        for (PcaSettings.Route route : new PcaSettings.Route[] {PcaSettings.Route.COVARIANCE, PcaSettings.Route.GRAM}) {
            FeatureBasis basis = new PcaFitter(PcaSettings.defaults().withRoute(route)).fit(rankTwo);
            assertEquals(2, basis.components(), route + " keeps only the two real directions");
        }
    }

    /**
     * The default K = 100 on small layers (p ≤ K) and small experiments (n − 1 ≤ K): the basis keeps
     * min(p, n − 1) components and loses nothing a ridge could use, so predictions on the reduced features
     * equal those on the standardized features, for a fit on any subset of the training stimuli (a CV fold)
     * and for stimuli outside the fit (validation and test stimuli).
     */
    @ParameterizedTest(name = "n={0} p={1}")
    @MethodSource("layersAndExperimentsSmallerThanTheDefault")
    void shouldLoseNothingForRidgeWhenTheLayerOrTheExperimentIsSmallerThanTheDefaultK(int n, int p, int expected) {
        double[][] all = PcaProblems.features(n + p, n + 5, p);
        double[][] training = java.util.Arrays.copyOf(all, n);
        FeatureBasis basis = new PcaFitter(PcaSettings.defaults()).fit(training);
        assertEquals(100, PcaSettings.DEFAULT_COMPONENTS);
        assertEquals(expected, basis.components(), "min(K, p, n - 1)");

        double[][] standardized = new double[all.length][];
        double[][] reduced = new double[all.length][];
        for (int i = 0; i < all.length; i++) {
            standardized[i] = new double[p];
            for (int j = 0; j < p; j++) {
                standardized[i][j] = (all[i][j] - basis.means()[j]) / basis.scales()[j];
            }
            reduced[i] = basis.transform(all[i]);
        }
        Random random = new Random(n);
        double[] y = random.doubles(all.length).map(v -> 5 + 3 * v).toArray();
        for (int i = 0; i < all.length; i++) {
            y[i] += 0.5 * standardized[i][0] - 0.2 * standardized[i][p - 1];
        }
        int[] fold = java.util.stream.IntStream.range(0, n).filter(i -> i % 5 != 2).toArray(); // train on 4 folds of 5
        for (double alpha : new double[] {0.1, 10}) {
            double[] onStandardized = ridgePredictions(standardized, y, fold, alpha);
            double[] onReduced = ridgePredictions(reduced, y, fold, alpha);
            for (int i = 0; i < all.length; i++) {
                assertEquals(onStandardized[i], onReduced[i], 1e-7 * (1 + Math.abs(onStandardized[i])),
                        "alpha " + alpha + ", stimulus " + i + (i >= n ? " (test)" : fold(fold, i) ? " (fit)" : " (held out)"));
            }
        }
    }

    static Stream<Arguments> layersAndExperimentsSmallerThanTheDefault() {
        return Stream.of(
                Arguments.of(40, 8, 8),     // a small layer: p <= K, kept whole
                Arguments.of(10, 300, 9),   // a tiny experiment (10 training stimuli), a large layer: n - 1 components
                Arguments.of(12, 60, 11),   // both below K
                Arguments.of(150, 100, 100) // p = K
        );
    }

    private static boolean fold(int[] rows, int row) {
        return java.util.Arrays.stream(rows).anyMatch(r -> r == row);
    }

    /** Centered ridge (an intercept, one alpha) fitted on the given rows in its dual form, predicting every row. */
    private static double[] ridgePredictions(double[][] x, double[] y, int[] rows, double alpha) {
        int m = rows.length;
        int q = x[0].length;
        double[] meanX = new double[q];
        double meanY = 0;
        for (int r : rows) {
            meanY += y[r] / m;
            for (int j = 0; j < q; j++) {
                meanX[j] += x[r][j] / m;
            }
        }
        double[][] centered = new double[m][q];
        double[] target = new double[m];
        for (int a = 0; a < m; a++) {
            target[a] = y[rows[a]] - meanY;
            for (int j = 0; j < q; j++) {
                centered[a][j] = x[rows[a]][j] - meanX[j];
            }
        }
        double[][] gram = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                double sum = a == b ? alpha : 0;
                for (int j = 0; j < q; j++) {
                    sum += centered[a][j] * centered[b][j];
                }
                gram[a][b] = sum;
            }
        }
        double[] dual = solveSymmetricPositive(gram, target);
        double[] predictions = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double prediction = meanY;
            for (int a = 0; a < m; a++) {
                double dot = 0;
                for (int j = 0; j < q; j++) {
                    dot += (x[i][j] - meanX[j]) * centered[a][j];
                }
                prediction += dual[a] * dot;
            }
            predictions[i] = prediction;
        }
        return predictions;
    }

    /** Cholesky: A = LLᵀ, then two triangular solves. */
    private static double[] solveSymmetricPositive(double[][] a, double[] b) {
        int m = b.length;
        double[][] l = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(sum) : sum / l[j][j];
            }
        }
        double[] z = new double[m];
        for (int i = 0; i < m; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * z[k];
            }
            z[i] = sum / l[i][i];
        }
        double[] solution = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            double sum = z[i];
            for (int k = i + 1; k < m; k++) {
                sum -= l[k][i] * solution[k];
            }
            solution[i] = sum / l[i][i];
        }
        return solution;
    }

    @Test
    void shouldFitFloatFeaturesAsTheirDoubleValues() {
        double[][] x = PcaProblems.features(8, 25, 9);
        float[][] floats = new float[x.length][9];
        double[][] rounded = new double[x.length][9];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 9; j++) {
                floats[i][j] = (float) (x[i][j] - x[0][j]);
                rounded[i][j] = floats[i][j];
            }
        }
        PcaFitter fitter = new PcaFitter(PcaSettings.defaults(), new PlainJavaLinearAlgebra());
        FeatureBasis fromFloats = fitter.fit(floats);
        assertEquals(fitter.fit(rounded), fromFloats);
        assertArrayEquals(fromFloats.transform(rounded[4]), fromFloats.transform(floats[4]), 0);
    }

    @Test
    void shouldBeReproducibleAndFlipSignsDeterministically() {
        double[][] x = PcaProblems.features(9, 30, 20);
        PcaFitter fitter = new PcaFitter(PcaSettings.defaults().withComponents(8));
        FeatureBasis first = fitter.fit(x);
        assertEquals(first.version(), fitter.fit(x).version());
        for (int r = 0; r < first.components(); r++) {
            double[] component = first.component(r);
            assertArrayEquals(largestLoadingPositive(component), component, 0, "component " + r);
        }
    }

    @Test
    void shouldRejectNonFiniteFeatures() {
        double[][] x = PcaProblems.features(1, 10, 4);
        x[6][2] = Double.NaN;
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new PcaFitter(PcaSettings.defaults()).fit(x));
        assertTrue(error.getMessage().contains("sample 6"), error.getMessage());
        float[][] floats = {{1, 2}, {Float.POSITIVE_INFINITY, 3}};
        assertThrows(IllegalArgumentException.class, () -> new PcaFitter(PcaSettings.defaults()).fit(floats));
    }

    @Test
    void shouldRejectDegenerateInputs() {
        PcaFitter fitter = new PcaFitter(PcaSettings.defaults());
        assertThrows(InsufficientDataException.class, () -> fitter.fit(new double[][] {{1, 2, 3}}));
        assertThrows(IllegalArgumentException.class, () -> fitter.fit(new double[0][]));
        assertThrows(IllegalArgumentException.class, () -> fitter.fit(new double[][] {{1, 2}, {3}}));
        IllegalArgumentException constant = assertThrows(IllegalArgumentException.class, () -> fitter.fit(new double[][] {{1, 2}, {1, 2}, {1, 2}}));
        assertTrue(constant.getMessage().contains("constant"), constant.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PcaSettings.defaults().withComponents(0));
        assertThrows(IllegalArgumentException.class, () -> PcaSettings.defaults().withVarianceTolerance(Double.NaN));
    }

    private static double[] largestLoadingPositive(double[] vector) {
        int largest = 0;
        for (int j = 1; j < vector.length; j++) {
            if (Math.abs(vector[j]) > Math.abs(vector[largest])) {
                largest = j;
            }
        }
        double sign = vector[largest] < 0 ? -1 : 1;
        double[] signed = new double[vector.length];
        for (int j = 0; j < vector.length; j++) {
            signed[j] = sign * vector[j];
        }
        return signed;
    }
}
