package org.neuroencode.encoder.ridge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Every fold's stacked float hat (alphas·n_f × n_tr, row a·n_f + i) for the mixed-precision kernel route
 * ({@link KernelHats}), formed on the pool, each alpha's rows of every fold rounded into place as they come. The
 * alphas that the inverse of K + αI serves start as soon as K is formed ({@link #start}), on a task beside K's
 * eigendecomposition, which would otherwise leave a worker idle; the rest once the decomposition is done
 * ({@link #finish}), on one task per worker, each reusing its storage from alpha to alpha. Each alpha has one route
 * whatever the scheduling ({@link KernelHats.AlphaSchedule}), so the hats are the same on any number of workers.
 */
final class StackedHats implements AutoCloseable {

    private final Matrix kernelMatrix;
    private final double[] alphas;
    private final boolean intercept;
    private final KFolds folds;
    private final LinearAlgebra linearAlgebra;
    private final ExecutorService pool;
    private final KernelHats.AlphaSchedule schedule;
    private final SingleMatrix[] stacked;
    private final double[][] rowSums;
    private final List<Future<?>> tasks = new ArrayList<>();

    private StackedHats(Matrix kernelMatrix, RidgeSettings settings, KFolds folds, double eigenvalueBound, LinearAlgebra linearAlgebra,
            ExecutorService pool) {
        this.kernelMatrix = kernelMatrix;
        this.alphas = settings.alphas();
        this.intercept = settings.fitIntercept();
        this.folds = folds;
        this.linearAlgebra = linearAlgebra;
        this.pool = pool;
        this.schedule = new KernelHats.AlphaSchedule(alphas, eigenvalueBound);
        this.stacked = new SingleMatrix[folds.count()];
        this.rowSums = new double[folds.count()][];
    }

    /**
     * Allocates the hats for {@code folds} of the n samples of {@code kernelMatrix} (K about the refit's center, which
     * must outlive this) and starts the inverse's task for the alphas it serves given a bound on K's largest
     * eigenvalue, if any.
     */
    static StackedHats start(Matrix kernelMatrix, RidgeSettings settings, KFolds folds, LinearAlgebra linearAlgebra, ExecutorService pool) {
        double bound = KernelHats.largestEigenvalueBound(kernelMatrix, linearAlgebra);
        StackedHats hats = new StackedHats(kernelMatrix, settings, folds, bound, linearAlgebra, pool);
        try {
            int n = kernelMatrix.rows();
            for (int f = 0; f < folds.count(); f++) {
                int size = folds.size(f);
                hats.stacked[f] = linearAlgebra.allocateSingleScratch(hats.alphas.length * size, n - size);
                hats.rowSums[f] = new double[hats.alphas.length * size];
            }
            // only where the identity applies at the bound, and so certainly at K's own largest eigenvalue
            if (hats.schedule.inverseServesAny() && KernelHats.applies(bound, hats.alphas)) {
                hats.tasks.add(pool.submit(() -> {
                    KernelHats.foldHatsFromInverse(kernelMatrix, hats.alphas, hats.schedule::nextForInverse, hats.intercept, folds, linearAlgebra,
                            hats::round);
                    return null;
                }));
            }
            return hats;
        } catch (RuntimeException | Error e) {
            hats.close();
            throw e;
        }
    }

    /**
     * Forms the alphas that the inverse does not serve from K's eigendecomposition, on up to {@code workers} tasks,
     * which then help with any that the inverse's task has not reached (by the inverse: which route serves an alpha
     * does not depend on the scheduling), and waits for every alpha.
     */
    void finish(SymmetricEigen kernel, int workers) {
        for (int w = 0; w < Math.min(workers, alphas.length); w++) {
            tasks.add(pool.submit(() -> {
                KernelHats.foldHats(kernel, alphas, schedule::nextForEigen, intercept, folds, linearAlgebra, this::round);
                KernelHats.foldHatsFromInverse(kernelMatrix, alphas, schedule::nextForInverse, intercept, folds, linearAlgebra, this::round);
                return null;
            }));
        }
        Tasks.getAll(tasks);
    }

    /** Alpha a's hat of fold f into rows a·n_f.. of the fold's stacked hat, its training columns before the fold first. */
    private void round(int a, int f, Matrix before, Matrix after) {
        int row = a * folds.size(f);
        linearAlgebra.roundInto(before, 0, before.cols(), stacked[f], row, 0, rowSums[f], row);
        linearAlgebra.roundInto(after, 0, after.cols(), stacked[f], row, before.cols(), rowSums[f], row);
    }

    /** Fold f's stacked hat, which the caller now owns. */
    SingleMatrix take(int f) {
        SingleMatrix hat = stacked[f];
        stacked[f] = null;
        return hat;
    }

    /** The sums of the rows of fold f's stacked hat, in double. */
    double[] rowSums(int f) {
        return rowSums[f];
    }

    /** Waits for the tasks (also after a failure) and frees the hats not taken. */
    @Override
    public void close() {
        tasks.forEach(Tasks::await);
        for (int f = 0; f < stacked.length; f++) {
            if (stacked[f] != null) {
                stacked[f].close();
                stacked[f] = null;
            }
        }
    }
}
