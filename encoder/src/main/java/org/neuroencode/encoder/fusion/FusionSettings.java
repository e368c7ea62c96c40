package org.neuroencode.encoder.fusion;

import java.util.Arrays;
import org.neuroencode.encoder.ridge.RidgeSettings.Criterion;

/**
 * How layer-fusion weights are learned. Immutable; the {@code with…} methods return modified copies.
 *
 * <p>Per voxel, the weights ω ≥ 0 and the intercept b minimize Σ(y − b − Σ_l ω_l ŷ_l)² + λ‖ω − 1/L‖², a
 * ridge that pulls towards equal weights, because adjacent layers' predictions are nearly collinear and
 * unshrunk non-negative weights would then swing between them from fold to fold. The shrinkage is relative:
 * λ = s · trace(C)/L, with C the centered L×L prediction co-moments, so s = 1 weighs the pull like one
 * average layer's worth of prediction variance, whatever the units and the sample count.
 *
 * <p>With several values of s, each voxel's s is chosen by cross-validation over the training folds by
 * {@link #criterion()}; ties (including voxels that score NaN everywhere) go to the largest s, the most
 * conservative fit. Defaults: s ∈ {1e-3, 1e-2, 1e-1, 1, 10}, criterion R2.
 */
public final class FusionSettings {

    private final double[] shrinkages;
    private final Criterion criterion;

    private FusionSettings(double[] shrinkages, Criterion criterion) {
        this.shrinkages = shrinkages;
        this.criterion = criterion;
    }

    public static FusionSettings defaults() {
        return new FusionSettings(new double[] {1e-3, 1e-2, 1e-1, 1, 10}, Criterion.R2);
    }

    /**
     * The relative shrinkage grid, sorted ascending.
     *
     * @throws IllegalArgumentException if it is empty or holds a value that is not finite and positive (s = 0
     *     would leave collinear layers' weights undetermined), or a repeated value
     */
    public FusionSettings withShrinkages(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the shrinkage grid is empty");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (!(sorted[i] > 0) || Double.isInfinite(sorted[i])) {
                throw new IllegalArgumentException("shrinkage " + sorted[i] + " is not finite and positive");
            }
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("shrinkage " + sorted[i] + " appears twice");
            }
        }
        return new FusionSettings(sorted, criterion);
    }

    public FusionSettings withCriterion(Criterion value) {
        if (value == null) {
            throw new IllegalArgumentException("criterion must not be null");
        }
        return new FusionSettings(shrinkages, value);
    }

    /** The relative shrinkage grid, ascending. */
    public double[] shrinkages() {
        return shrinkages.clone();
    }

    public Criterion criterion() {
        return criterion;
    }

    @Override
    public String toString() {
        return "FusionSettings{shrinkages=" + Arrays.toString(shrinkages) + ", criterion=" + criterion + "}";
    }
}
