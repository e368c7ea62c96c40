package org.neuroencode.encoder.ridge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * K-fold cross-validation with a per-voxel alpha and the refit on all folds, without the nested score: the part
 * of {@link NestedRidgeCv} that a batch fit needs, run in parallel. The folds' training sets (eigendecomposition
 * and validation) are independent tasks, as are the fold statistics of a batch and the voxel blocks of the refit;
 * they run on one worker per processor, each calling the backend single-threaded (see
 * {@link LinearAlgebra#singleThreaded()}). Fold scores are averaged in fold order, so the result does not depend
 * on the scheduling, and equals {@link NestedRidgeCv#solve}'s alphas, scores and coefficients.
 *
 * <p>Given the samples ({@link #fitRows}), validation forms its projections from them where a fold or a training
 * set has fewer samples than features (see {@link ValidationPair.Rows}); the statistics serve the rest, and the
 * refit. Where every training set has fewer samples than features, the whole fit runs in sample space
 * ({@link SampleSpaceFolds}, {@link SampleRefit}) and needs no co-moments at all. With
 * {@link RidgeSettings.Precision#MIXED} the products of the responses run in single precision.
 */
final class KFoldRidgeCv {

    private final RidgeSettings settings;
    private final LinearAlgebra linearAlgebra;
    private final int workers;

    /** Workers: the system property {@code neuroencode.ridge.workers}, else one per available processor. */
    KFoldRidgeCv(RidgeSettings settings, LinearAlgebra linearAlgebra) {
        this(settings, linearAlgebra, Integer.getInteger("neuroencode.ridge.workers", Runtime.getRuntime().availableProcessors()));
    }

    KFoldRidgeCv(RidgeSettings settings, LinearAlgebra linearAlgebra, int workers) {
        this.settings = settings;
        this.linearAlgebra = linearAlgebra;
        this.workers = Math.max(1, workers);
    }

    /** Fold statistics of row-major samples (x n×p, y n×v) and the fit, all in one parallel scope. */
    RidgeSolution fitRows(double[] x, double[] y, int n, KFolds folds) {
        int p = x.length / n;
        int v = y.length / n;
        if (SampleSpaceFolds.applies(n, p, folds, settings)) {
            return fitInSampleSpace(x, y, n, p, v, folds);
        }
        return inParallel(pool -> {
            List<Future<SufficientStats>> stats = new ArrayList<>();
            for (int f = 0; f < folds.count(); f++) {
                int fold = f;
                stats.add(pool.submit(() -> SufficientStats.ofRows(x, y, p, v, folds.start(fold), folds.end(fold), linearAlgebra)));
            }
            SufficientStats[] result = new SufficientStats[folds.count()];
            for (int f = 0; f < result.length; f++) {
                result[f] = Tasks.get(stats.get(f));
            }
            trace("fold statistics");
            // the samples serve the validation products where that is cheaper; only when every fold holds samples,
            // so that fold indices match
            boolean allFoldsUsed = NestedRidgeCv.nonEmpty(result).size() == folds.count();
            // the samples serve a product only where a fold or a training set is smaller than p
            boolean rowsServe = allFoldsUsed && java.util.stream.IntStream.range(0, folds.count())
                    .anyMatch(f -> folds.end(f) - folds.start(f) < p || n - (folds.end(f) - folds.start(f)) < p);
            try (ValidationPair.SingleResponses single = rowsServe
                    ? singleResponses(y, n, TrainingSet.pool(NestedRidgeCv.nonEmpty(result), true).centerY()) : null) {
                return solve(pool, result, allFoldsUsed ? f -> new ValidationPair.Rows(x, y, n, folds.start(f), folds.end(f), single) : f -> null);
            }
        });
    }

    RidgeSolution solve(SufficientStats... folds) {
        return inParallel(pool -> solve(pool, folds, f -> null));
    }

    private RidgeSolution solve(ExecutorService pool, SufficientStats[] folds, java.util.function.IntFunction<ValidationPair.Rows> rows) {
        List<SufficientStats> used = NestedRidgeCv.nonEmpty(folds);
        int k = used.size();
        int v = used.get(0).voxels();
        // tasks: each fold's training basis and validation pair, then every (fold, voxel block), then the refit basis
        List<Future<FoldPair>> pairs = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            int fold = f;
            pairs.add(pool.submit(() -> FoldPair.of(used, fold, settings, linearAlgebra, rows.apply(fold))));
        }
        Future<EigenBasis> total = pool.submit(() -> EigenBasis.of(TrainingSet.pool(used, settings.fitIntercept()), settings, linearAlgebra));
        CrossValidation cv;
        try {
            cv = crossValidate(pool, pairs, v, null);
        } catch (RuntimeException | Error e) {
            Tasks.await(total);
            EigenBasis basis = Tasks.quietly(total);
            if (basis != null) {
                basis.close();
            }
            throw e;
        }
        try (EigenBasis basis = Tasks.get(total)) {
            trace("refit basis ready");
            RidgeSolution solution = refit(pool, basis, cv.best(), cv.cv(), k);
            trace("refit done");
            return solution;
        }
    }

    /**
     * Scores every (fold, alpha, voxel) from the folds' validations, (fold, voxel block) tasks in parallel; as soon as
     * every fold has scored a voxel block, the task that scored it last averages the block's scores in fold order,
     * chooses its alphas and hands the block to {@code scored} (null for none), so that a block's refit need not wait
     * for the others. Closes the pairs, also on failure, once no task reads them.
     */
    private CrossValidation crossValidate(ExecutorService pool, List<? extends Future<? extends FoldValidation>> pairs, int v, ScoredBlock scored) {
        int k = pairs.size();
        int alphas = settings.alphas().length;
        int blockSize = settings.voxelBlockSize();
        double[][] scores = new double[k][alphas * v];
        ScoreAverager cv = new ScoreAverager(alphas, v);
        int[] best = new int[v];
        java.util.concurrent.atomic.AtomicIntegerArray unscored = new java.util.concurrent.atomic.AtomicIntegerArray((v + blockSize - 1) / blockSize);
        for (int b = 0; b < unscored.length(); b++) {
            unscored.set(b, k);
        }
        List<Future<?>> blocks = new ArrayList<>();
        try {
            for (int f = 0; f < k; f++) {
                FoldValidation validation = Tasks.get(pairs.get(f));
                trace("pair " + f + " ready");
                double[] foldScores = scores[f];
                for (int start = 0; start < v; start += blockSize) {
                    int from = start;
                    int width = Math.min(blockSize, v - from);
                    blocks.add(pool.submit(() -> {
                        validation.evaluate(from, width).scoresInto(settings.criterion(), foldScores, v, from);
                        // the last fold to score the block: every fold's scores of it are written (the counter orders them)
                        if (unscored.decrementAndGet(from / blockSize) == 0) {
                            cv.addFolds(scores, from, width);
                            cv.chooseInto(best, from, width);
                            if (scored != null) {
                                scored.accept(from, width, best);
                            }
                        }
                        return null;
                    }));
                }
            }
            blocks.forEach(Tasks::get);
            trace("validation blocks done");
        } finally {
            // on failure, let the tasks that read the pairs end before freeing them
            blocks.forEach(block -> block.cancel(false));
            blocks.forEach(Tasks::await);
            for (Future<? extends FoldValidation> pair : pairs) {
                Tasks.await(pair);
                FoldValidation done = Tasks.quietly(pair);
                if (done != null) {
                    done.close();
                }
            }
        }
        return new CrossValidation(cv, best);
    }

    /** The averaged scores and each voxel's chosen alpha. */
    private record CrossValidation(ScoreAverager cv, int[] best) {
    }

    /** Receives a voxel block [from, from + width) once its alphas are chosen ({@code best}, indexed by voxel). */
    private interface ScoredBlock {
        void accept(int from, int width, int[] best);
    }

    /**
     * The batch fit where every training set has fewer samples than features ({@link SampleSpaceFolds}): fold
     * moments without co-moments, validation from one kernel of the samples (in mixed precision from the folds'
     * predictions, their hats from the refit's decomposition where {@link KernelHats} applies), and the refit from
     * one eigendecomposition ({@link SampleRefit}). The same alphas, scores and coefficients as the feature-space
     * route, to rounding.
     */
    private RidgeSolution fitInSampleSpace(double[] x, double[] y, int n, int p, int v, KFolds folds) {
        trace("sample-space fit");
        return inParallel(pool -> {
            int k = folds.count();
            double[] centerX = new double[p];
            if (settings.fitIntercept()) {
                SufficientStats.columnMeans(x, p, 0, n, centerX, "x");
            }
            // the refit's decomposition first: in mixed precision the folds' hats may come from it, so it runs beside
            // the fold moments rather than after them
            try (SampleRefit refit = SampleRefit.start(x, n, centerX, settings, linearAlgebra, pool)) {
                List<Future<SufficientStats>> tasks = new ArrayList<>();
                for (int f = 0; f < k; f++) {
                    int fold = f;
                    tasks.add(pool.submit(() -> SufficientStats.momentsOfRows(x, y, p, v, folds.start(fold), folds.end(fold))));
                }
                // in mixed precision the hats of the alphas that the inverse of K + αI serves start as soon as K is
                // formed, beside its eigendecomposition
                Matrix kernelMatrix = settings.precision() == RidgeSettings.Precision.MIXED ? refit.kernelMatrix() : null;
                try (StackedHats hats = kernelMatrix == null ? null : StackedHats.start(kernelMatrix, settings, folds, linearAlgebra, pool)) {
                    SufficientStats[] moments = new SufficientStats[k];
                    for (int f = 0; f < k; f++) {
                        moments[f] = Tasks.get(tasks.get(f));
                    }
                    trace("fold moments");
                    return validateAndRefit(pool, new Samples(x, y, n, p, v, folds), moments, refit, hats, centerX);
                }
            }
        });
    }

    /** The rows of a batch fit, row-major, and its folds. */
    private record Samples(double[] x, double[] y, int n, int p, int v, KFolds folds) {
    }

    /**
     * The sample-space fit once the fold moments are in: every fold validated (from the whole kernel's hats where
     * {@link KernelHats} applies, else from {@link SampleSpaceFolds}), then the refit at each voxel's best alpha.
     */
    private RidgeSolution validateAndRefit(ExecutorService pool, Samples samples, SufficientStats[] moments, SampleRefit refit, StackedHats hats,
            double[] centerX) {
        int k = moments.length;
        TrainingSet all = TrainingSet.pool(List.of(moments), settings.fitIntercept());
        // the samples' own means, whether or not the model has an intercept: the kernel and float copy sit about them
        TrainingSet pooled = settings.fitIntercept() ? all : TrainingSet.pool(List.of(moments), true);
        // the float copy first, so that it is made while the refit's decomposition may still run
        try (ValidationPair.SingleResponses single = singleResponses(samples.y(), samples.n(), pooled.centerY())) {
            // in mixed precision each voxel block is refit as soon as its alphas are chosen; its storage is made now
            SampleRefit.SingleBlocks refitBlocks = single == null ? null : refit.singleBlocks(single, centerX, all.centerY(), settings);
            SymmetricEigen kernel = hats == null ? null : refit.kernel();
            boolean fromKernel = kernel != null && KernelHats.applies(kernel.values(), settings.alphas());
            try (SampleSpaceFolds space = fromKernel ? null
                    : SampleSpaceFolds.of(samples.x(), samples.n(), samples.p(), pooled.centerX(), linearAlgebra, pool)) {
                trace(fromKernel ? "kernel decomposed" : "kernel");
                ValidationPair.Rows[] rows = new ValidationPair.Rows[k];
                for (int f = 0; f < k; f++) {
                    rows[f] = new ValidationPair.Rows(samples.x(), samples.y(), samples.n(), samples.folds().start(f), samples.folds().end(f), single);
                }
                List<Future<FoldValidation>> pairs = new ArrayList<>();
                if (fromKernel) {
                    pairs.addAll(kernelPairs(hats, kernel, moments, rows));
                } else {
                    for (int f = 0; f < k; f++) {
                        int fold = f;
                        pairs.add(pool.submit(() -> space.pair(moments, fold, rows[fold], settings, linearAlgebra)));
                    }
                }
                // queued now, behind the folds' hats and ahead of every validation block
                refit.startFactors();
                if (refitBlocks != null) {
                    CrossValidation cv = crossValidate(pool, pairs, samples.v(), refitBlocks::solve);
                    trace("refit done");
                    return RidgeSolution.assemble(settings, k, cv.best(), cv.cv(), refitBlocks.coef(), refitBlocks.intercept(), null, null);
                }
                CrossValidation cv = crossValidate(pool, pairs, samples.v(), null);
                double[] coef = refit.coefficients(samples.y(), all.centerY(), cv.best(), settings, pool);
                trace("refit done");
                return RidgeSolution.assemble(settings, k, cv.best(), cv.cv(), coef, centerX, all.centerY(), null, null);
            }
        }
    }

    /**
     * Every fold validated from its predictions, the hats taken from the whole kernel ({@link KernelHats}) once every
     * alpha's are formed ({@link StackedHats#finish}).
     */
    private List<Future<FoldValidation>> kernelPairs(StackedHats hats, SymmetricEigen kernel, SufficientStats[] moments, ValidationPair.Rows[] rows) {
        hats.finish(kernel, workers);
        List<Future<FoldValidation>> pairs = new ArrayList<>();
        try {
            for (int f = 0; f < moments.length; f++) {
                double[] centerY = SampleSpaceFolds.trainingSet(moments, f, settings.fitIntercept()).centerY();
                pairs.add(CompletableFuture.completedFuture(PredictedFold.ofRounded(hats.take(f), hats.rowSums(f), moments[f], centerY, rows[f],
                        settings.criterion(), linearAlgebra)));
            }
            return pairs;
        } catch (RuntimeException | Error e) {
            pairs.forEach(pair -> Tasks.get(pair).close());
            throw e;
        }
    }

    /** With {@link RidgeSettings.Precision#MIXED}, y about {@code meanY} in single precision; else null (no resource). */
    private ValidationPair.SingleResponses singleResponses(double[] y, int n, double[] meanY) {
        if (settings.precision() != RidgeSettings.Precision.MIXED) {
            return null;
        }
        return ValidationPair.SingleResponses.of(y, n, meanY, linearAlgebra);
    }

    /** The basis trained on every fold but one, and its validation on that fold. */
    private record FoldPair(EigenBasis basis, ValidationPair validation) implements FoldValidation {

        static FoldPair of(List<SufficientStats> used, int f, RidgeSettings settings, LinearAlgebra linearAlgebra, ValidationPair.Rows rows) {
            List<SufficientStats> others = new ArrayList<>(used);
            others.remove(f);
            EigenBasis basis = EigenBasis.of(TrainingSet.pool(others, settings.fitIntercept()), settings, linearAlgebra);
            try {
                return new FoldPair(basis, new ValidationPair(basis, used.get(f), linearAlgebra, ValidationPair.Route.CHEAPER, rows));
            } catch (RuntimeException | Error e) {
                basis.close();
                throw e;
            }
        }

        @Override
        public AlphaPath evaluate(int from, int width) {
            return validation.evaluate(from, width);
        }

        @Override
        public void close() {
            validation.close();
            basis.close();
        }
    }

    /** Coefficients at each voxel's chosen alpha, from the basis of all folds, voxel blocks in parallel. */
    private RidgeSolution refit(ExecutorService pool, EigenBasis total, int[] best, ScoreAverager cv, int foldsUsed) {
        TrainingSet training = total.training();
        int p = training.features();
        int v = training.voxels();
        double[] coef = new double[p * v];
        List<Future<?>> blocks = new ArrayList<>();
        for (int start = 0; start < v; start += settings.voxelBlockSize()) {
            int from = start;
            int width = Math.min(settings.voxelBlockSize(), v - from);
            blocks.add(pool.submit(() -> {
                total.coefficientsInto(best, from, width, coef);
                return null;
            }));
        }
        blocks.forEach(Tasks::get);
        return RidgeSolution.assemble(settings, foldsUsed, best, cv, coef, training.centerX(), training.centerY(), null, null);
    }

    private static final boolean TRACE = Boolean.getBoolean("neuroencode.ridge.trace");
    private static final long START = System.nanoTime();

    /** With -Dneuroencode.ridge.trace=true, prints when each phase ends and the process's CPU time by then (for profiling). */
    private static void trace(String phase) {
        if (TRACE) {
            java.lang.management.OperatingSystemMXBean system = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            double cpu = system instanceof com.sun.management.OperatingSystemMXBean bean ? bean.getProcessCpuTime() / 1e9 : Double.NaN;
            System.err.printf("ridge-cv %.3f s (cpu %.3f s): %s%n", (System.nanoTime() - START) / 1e9, cpu, phase);
        }
    }

    private interface Job<T> {
        T run(ExecutorService pool) throws Exception;
    }

    private <T> T inParallel(Job<T> job) {
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "ridge-cv");
            thread.setDaemon(true);
            return thread;
        });
        try (LinearAlgebra.SingleThreaded ignored = workers > 1 ? linearAlgebra.singleThreaded() : () -> { }) {
            return job.run(pool);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
