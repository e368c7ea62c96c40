package org.neuroencode.encoder.ridge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Eigenbases of the training sets "all folds except a given set", computed on first use and freed after
 * their last. Since total − f − g is total − g − f, the basis excluding {f, g} serves both outer fold f and
 * outer fold g, so K folds cost K + K(K−1)/2 decompositions for nested CV, plus one for the final refit.
 */
final class BasisCache implements AutoCloseable {

    private final List<SufficientStats> folds;
    private final RidgeSettings settings;
    private final LinearAlgebra linearAlgebra;
    private final Map<Long, EigenBasis> bases = new HashMap<>();
    private final Map<Long, Integer> remainingUses = new HashMap<>();

    BasisCache(List<SufficientStats> folds, RidgeSettings settings, LinearAlgebra linearAlgebra) {
        if (folds.size() > Long.SIZE - 1) {
            throw new IllegalArgumentException("at most " + (Long.SIZE - 1) + " folds are supported, got " + folds.size());
        }
        this.folds = folds;
        this.settings = settings;
        this.linearAlgebra = linearAlgebra;
    }

    /** Declares that the basis excluding {@code excluded} will be asked for once more. */
    void expectUse(int... excluded) {
        remainingUses.merge(key(excluded), 1, Integer::sum);
    }

    /** The basis trained on every fold but {@code excluded}; counts as one of its expected uses. */
    EigenBasis excluding(int... excluded) {
        long key = key(excluded);
        EigenBasis basis = bases.computeIfAbsent(key, unused -> EigenBasis.of(TrainingSet.pool(remaining(key), settings.fitIntercept()),
                settings, linearAlgebra));
        remainingUses.merge(key, -1, Integer::sum);
        return basis;
    }

    /** Frees every basis whose expected uses are spent. */
    void releaseSpent() {
        bases.entrySet().removeIf(entry -> {
            if (remainingUses.getOrDefault(entry.getKey(), 0) <= 0) {
                entry.getValue().close();
                return true;
            }
            return false;
        });
    }

    @Override
    public void close() {
        bases.values().forEach(EigenBasis::close);
        bases.clear();
    }

    private List<SufficientStats> remaining(long excludedKey) {
        List<SufficientStats> remaining = new ArrayList<>();
        for (int f = 0; f < folds.size(); f++) {
            if ((excludedKey & (1L << f)) == 0) {
                remaining.add(folds.get(f));
            }
        }
        return remaining;
    }

    private static long key(int... excluded) {
        long key = 0;
        for (int fold : excluded) {
            key |= 1L << fold;
        }
        return key;
    }
}
