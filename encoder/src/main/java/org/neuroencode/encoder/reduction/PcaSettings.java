package org.neuroencode.encoder.reduction;

/**
 * How a {@link FeatureBasis} is fitted. Immutable; the {@code with…} methods return modified copies.
 *
 * <p>Component policy: at most {@link #components()} components are kept, never more than min(n, p); of
 * those, components whose variance is at most {@link #varianceTolerance()} times the largest are dropped,
 * because their directions are rounding noise (the n-th component of n centered samples always is, so at
 * most min(K, p, n − 1) remain). A fitted basis can therefore hold fewer components than asked for;
 * {@link FeatureBasis#components()} tells how many.
 */
public final class PcaSettings {

    /** The Algonauts 2021 devkit's choice. */
    public static final int DEFAULT_COMPONENTS = 100;

    /** Which symmetric matrix is eigendecomposed. */
    public enum Route {
        /** The Gram route when n &lt; p, else the covariance route: whichever matrix is smaller. */
        AUTO,
        /** Eigendecompose the p×p matrix ZᵀZ of the standardized features Z. */
        COVARIANCE,
        /** Eigendecompose the n×n matrix ZZᵀ and recover the components as ZᵀU/s. */
        GRAM
    }

    private final int components;
    private final Route route;
    private final double varianceTolerance;

    private PcaSettings(int components, Route route, double varianceTolerance) {
        this.components = components;
        this.route = route;
        this.varianceTolerance = varianceTolerance;
    }

    /** 100 components, the automatic route, and a variance tolerance of 1e-10. */
    public static PcaSettings defaults() {
        return new PcaSettings(DEFAULT_COMPONENTS, Route.AUTO, 1e-10);
    }

    public PcaSettings withComponents(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("PCA needs at least one component, got " + value);
        }
        return new PcaSettings(value, route, varianceTolerance);
    }

    public PcaSettings withRoute(Route value) {
        if (value == null) {
            throw new IllegalArgumentException("route must not be null");
        }
        return new PcaSettings(components, value, varianceTolerance);
    }

    /** Relative variance below which a component is dropped; see the class comment. */
    public PcaSettings withVarianceTolerance(double value) {
        if (!(value >= 0) || value >= 1) {
            throw new IllegalArgumentException("variance tolerance must lie in [0, 1), got " + value);
        }
        return new PcaSettings(components, route, value);
    }

    public int components() {
        return components;
    }

    public Route route() {
        return route;
    }

    public double varianceTolerance() {
        return varianceTolerance;
    }

    /** The route actually taken for n samples of p features. */
    Route resolve(int n, int p) {
        if (route != Route.AUTO) {
            return route;
        }
        return n < p ? Route.GRAM : Route.COVARIANCE;
    }

    @Override
    public String toString() {
        return "PcaSettings{components=" + components + ", route=" + route + ", varianceTolerance=" + varianceTolerance + "}";
    }
}
