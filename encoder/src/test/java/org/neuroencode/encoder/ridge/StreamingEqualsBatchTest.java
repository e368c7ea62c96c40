package org.neuroencode.encoder.ridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.neuroencode.encoder.ridge.TestProblems.assertClose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StreamingEqualsBatchTest {

    @ParameterizedTest
    @EnumSource(RidgeSettings.Criterion.class)
    void shouldMatchBatchFitAfterShuffledAddsMergesAndLateRepetitions(RidgeSettings.Criterion criterion) {
        TestProblems.Problem problem = TestProblems.linear(42, 100, 8, 30, 50);
        KFolds folds = KFolds.contiguous(100, 5);
        Random random = new Random(7);

        SufficientStats[] streamed = new SufficientStats[5];
        for (int f = 0; f < 5; f++) {
            streamed[f] = streamFold(problem, folds, f, random);
        }
        RidgeSettings settings = RidgeSettings.withAlphas(RidgeSettings.parseAlphas("1e-2:1e4:9")).withCriterion(criterion);
        RidgeSolution stream = new NestedRidgeCv(settings).solve(storedInRandomOrder(streamed, random));
        RidgeSolution batch = new BatchRidgeCv(settings).fit(problem.x(), problem.y(), 5);

        assertArrayEquals(batch.bestAlpha(), stream.bestAlpha());
        assertClose(batch.coef(), stream.coef(), 1e-6, "coef");
        assertClose(batch.intercept(), stream.intercept(), 1e-6, "intercept");
        assertClose(batch.cvScores(), stream.cvScores(), 1e-6, "cv scores");
        assertClose(batch.oof().orElseThrow().toMatrix(), stream.oof().orElseThrow().toMatrix(), 1e-6, "oof moments");
    }

    /**
     * One fold built the streaming way: samples in shuffled order, split over two partial states merged in a
     * random order, some samples first arriving with a provisional mean target that a later repetition
     * replaces (remove old, add new), and unrelated samples added and taken out again with minus.
     */
    private static SufficientStats streamFold(TestProblems.Problem problem, KFolds folds, int f, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int r = folds.start(f); r < folds.end(f); r++) {
            order.add(r);
        }
        Collections.shuffle(order, random);
        int p = problem.x()[0].length;
        int v = problem.y()[0].length;
        SufficientStats left = new SufficientStats(p, v);
        SufficientStats right = new SufficientStats(p, v);
        List<double[]> provisional = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            int r = order.get(i);
            SufficientStats part = i % 2 == 0 ? left : right;
            if (i % 3 == 0) {
                double[] firstMean = problem.y()[r].clone();
                for (int j = 0; j < v; j++) {
                    firstMean[j] += random.nextGaussian();
                }
                part.add(problem.x()[r], firstMean);
                provisional.add(firstMean);
            } else {
                part.add(problem.x()[r], problem.y()[r]);
                provisional.add(null);
            }
        }
        for (int i = 0; i < order.size(); i++) {
            if (provisional.get(i) != null) {
                int r = order.get(i);
                SufficientStats part = i % 2 == 0 ? left : right;
                part.remove(problem.x()[r], provisional.get(i));
                part.add(problem.x()[r], problem.y()[r]);
            }
        }
        SufficientStats merged = random.nextBoolean() ? left.plus(right) : right.plus(left);
        SufficientStats unrelated = new SufficientStats(p, v);
        unrelated.add(problem.x()[(folds.end(f)) % problem.n()], problem.y()[0]);
        unrelated.add(problem.x()[1], problem.y()[2]);
        return merged.plus(unrelated).minus(unrelated);
    }

    /** As a store would hand them back: serialized, and in no particular fold order (which must not matter). */
    private static SufficientStats[] storedInRandomOrder(SufficientStats[] folds, Random random) {
        List<SufficientStats> stored = new ArrayList<>();
        for (SufficientStats fold : folds) {
            stored.add(SufficientStats.fromBytes(fold.toBytes()));
        }
        Collections.shuffle(stored, random);
        return stored.toArray(SufficientStats[]::new);
    }
}
