package org.neuroencode.encoder.connectivity;

import java.time.Duration;
import org.neuroencode.encoder.fusion.FusionSettings;
import org.neuroencode.encoder.ridge.RidgeSettings;

/**
 * How stage 2 (connectivity priors) and layer fusion are fitted and refitted.
 *
 * @param enabled whether the encoder runs them at all
 * @param componentsPerSource standardized principal components kept per source ROI
 * @param stage2Ridge the stage-2 alpha grid and criterion (the alpha is chosen per voxel by inner CV)
 * @param fusion the layer-fusion shrinkage grid
 * @param refitInterval how often (wall clock) models with new data are considered for a refit
 * @param refitAfterResponses a model is refitted once at least this many responses arrived since its last fit
 */
public record ConnectivitySettings(boolean enabled, int componentsPerSource, RidgeSettings stage2Ridge,
    FusionSettings fusion, Duration refitInterval, int refitAfterResponses) {

  public static final int DEFAULT_COMPONENTS = 4;

  public ConnectivitySettings {
    if (componentsPerSource < 1) {
      throw new IllegalArgumentException("stage 2 needs at least one component per source ROI, got " + componentsPerSource);
    }
    if (refitAfterResponses < 1) {
      throw new IllegalArgumentException("the refit threshold must be at least 1 response, got " + refitAfterResponses);
    }
  }

  public static ConnectivitySettings defaults() {
    return new ConnectivitySettings(true, DEFAULT_COMPONENTS, RidgeSettings.parse(RidgeSettings.DEFAULT_ALPHAS),
        FusionSettings.defaults(), Duration.ofSeconds(15), 5000);
  }

  public ConnectivitySettings withEnabled(boolean value) {
    return new ConnectivitySettings(value, componentsPerSource, stage2Ridge, fusion, refitInterval, refitAfterResponses);
  }

  public ConnectivitySettings withComponentsPerSource(int value) {
    return new ConnectivitySettings(enabled, value, stage2Ridge, fusion, refitInterval, refitAfterResponses);
  }

  public ConnectivitySettings withRefit(Duration interval, int afterResponses) {
    return new ConnectivitySettings(enabled, componentsPerSource, stage2Ridge, fusion, interval, afterResponses);
  }
}
