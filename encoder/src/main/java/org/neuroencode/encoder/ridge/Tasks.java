package org.neuroencode.encoder.ridge;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting on the solver's parallel tasks: results, failures rethrown as thrown, and quiet clean-up. */
final class Tasks {

    private Tasks() {
    }

    /** The task's result; its failure is rethrown as it was thrown (runtime exceptions and errors unwrapped). */
    static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fitting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Every task's result in turn; the first failure is rethrown after the others have ended. */
    static void getAll(List<? extends Future<?>> futures) {
        try {
            futures.forEach(Tasks::get);
        } catch (RuntimeException | Error e) {
            futures.forEach(future -> future.cancel(false));
            futures.forEach(Tasks::await);
            throw e;
        }
    }

    /** Waits for a task to end, whatever its outcome. */
    static void await(Future<?> future) {
        if (future.isCancelled()) {
            return;
        }
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException e) {
            // the outcome is reported elsewhere
        }
    }

    /** The result of a finished task, or null if it failed or was cancelled. */
    static <T> T quietly(Future<T> future) {
        if (!future.isDone() || future.isCancelled()) {
            return null;
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }
}
