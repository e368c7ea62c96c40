package org.neuroencode.encoder.reduction;

import org.neuroencode.encoder.ridge.InsufficientDataException;
import org.neuroencode.encoder.ridge.LinearAlgebra;

/**
 * Fits StandardScaler then PCA on the training stimuli's features of one (model, layer), giving a frozen
 * {@link FeatureBasis}. Fit it on training stimuli only: test stimuli that shaped the basis would leak
 * into every score computed on them.
 *
 * <p>Failure policy:
 * <ul>
 *   <li>NaN or infinite features, ragged or empty rows: {@link IllegalArgumentException}.</li>
 *   <li>Fewer than two samples: {@link InsufficientDataException}, since a variance with ddof = 1 needs two.</li>
 *   <li>Fewer samples or features than requested components K: the basis holds min(K, p, n − 1) components,
 *       fewer where the standardized training features have less rank, since components with (near) zero
 *       variance are dropped (see {@link PcaSettings}; the n-th direction of n centered samples always is);
 *       never an error. Whenever min(p, n − 1) ≤ K nothing is truncated: the basis spans every direction
 *       of the standardized training features, and since a ridge solution (one alpha for all features)
 *       lies in the span of its centered training rows, the encoder predicts exactly as it would on the
 *       standardized features themselves, in every fold. So the default K = 100 is safe for small layers
 *       and small experiments (where scikit-learn's {@code PCA(100)} would raise), and such a layer is not
 *       passed through raw: every layer is standardized alike and has a published basis.</li>
 *   <li>Constant features: scale 1, so they standardize to zero and carry no component weight.</li>
 *   <li>Every feature constant: {@link IllegalArgumentException}, as there is no direction to keep.</li>
 * </ul>
 */
public final class PcaFitter {

    private final PcaSettings settings;
    private final LinearAlgebra linearAlgebra;

    public PcaFitter(PcaSettings settings) {
        this(settings, LinearAlgebra.preferred());
    }

    public PcaFitter(PcaSettings settings, LinearAlgebra linearAlgebra) {
        this.settings = settings;
        this.linearAlgebra = linearAlgebra;
    }

    /** @param samples one feature vector per training stimulus, all of the same length */
    public FeatureBasis fit(double[][] samples) {
        return fit(TrainingRows.of(samples));
    }

    /** @param samples one float32 feature vector per training stimulus, all of the same length */
    public FeatureBasis fit(float[][] samples) {
        return fit(TrainingRows.of(samples));
    }

    /** The route {@link #fit} takes for n samples of p features. */
    public PcaSettings.Route routeFor(int n, int p) {
        return settings.resolve(n, p);
    }

    private FeatureBasis fit(TrainingRows rows) {
        int n = rows.samples();
        int p = rows.features();
        if (n < 2) {
            throw new InsufficientDataException("PCA needs at least 2 samples, got " + n);
        }
        Standardization scaling = Standardization.fit(rows);
        int maxComponents = Math.min(settings.components(), Math.min(n, p));
        Spectrum spectrum = switch (settings.resolve(n, p)) {
            case GRAM -> Spectrum.gramRoute(rows, scaling, maxComponents, settings.varianceTolerance(), linearAlgebra,
                    Spectrum.DEFAULT_BLOCK_ELEMENTS);
            case COVARIANCE, AUTO -> Spectrum.covarianceRoute(rows, scaling, maxComponents, settings.varianceTolerance(), linearAlgebra,
                    Spectrum.DEFAULT_BLOCK_ELEMENTS);
        };
        int k = spectrum.eigenvalues().length;
        if (k == 0) {
            throw new IllegalArgumentException("all " + p + " features are constant over the " + n + " samples; there is no principal component");
        }
        double[] components = spectrum.components();
        for (int r = 0; r < k; r++) {
            makeLargestLoadingPositive(components, r * p, p);
        }
        double[] explainedVariance = new double[k];
        for (int r = 0; r < k; r++) {
            explainedVariance[r] = spectrum.eigenvalues()[r] / (n - 1);
        }
        return new FeatureBasis(n, spectrum.totalSumOfSquares() / (n - 1), scaling.means(), scaling.scales(), explainedVariance, components);
    }

    /** Eigenvectors have arbitrary signs; fixing them makes the basis, and so its version, reproducible. */
    private static void makeLargestLoadingPositive(double[] components, int offset, int p) {
        int largest = offset;
        for (int j = offset + 1; j < offset + p; j++) {
            if (Math.abs(components[j]) > Math.abs(components[largest])) {
                largest = j;
            }
        }
        if (components[largest] < 0) {
            for (int j = offset; j < offset + p; j++) {
                components[j] = -components[j];
            }
        }
    }
}
