package org.neuroencode.encoder.fusion;

import java.util.List;

/**
 * What one outer fold f of nested fusion sees.
 *
 * @param innerFolds statistics the weights for f are learned from, one entry per inner fold g ≠ f (the
 *     shrinkage is cross-validated across them). For a strictly nested score, fold g's per-layer predictions
 *     must come from layer models trained on total − f − g, so that f shapes neither the layer models nor the
 *     weights.
 * @param outerFold statistics of fold f itself, whose per-layer predictions come from layer models trained on
 *     total − f; the fused prediction is scored here and only here
 */
public record NestedFold(List<FusionStatistics> innerFolds, FusionStatistics outerFold) {

    public NestedFold {
        innerFolds = List.copyOf(innerFolds);
        if (outerFold == null) {
            throw new IllegalArgumentException("the outer fold must not be null");
        }
    }
}
