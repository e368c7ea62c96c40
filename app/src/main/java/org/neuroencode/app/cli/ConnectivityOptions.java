package org.neuroencode.app.cli;

import java.time.Duration;
import org.neuroencode.encoder.connectivity.ConnectivitySettings;
import picocli.CommandLine.Option;

/** Options of stage 2 (the connectivity priors) and layer fusion. */
public final class ConnectivityOptions {
  @Option(names = "--stage2", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Fit the connectivity priors (intra, inter, full) and layer fusion per (subject, model) (default: ${DEFAULT-VALUE}).")
  boolean enabled = true;

  @Option(names = "--stage2-components", paramLabel = "N", defaultValue = "4",
      description = "Standardized principal components kept per source ROI (default: ${DEFAULT-VALUE}).")
  int components;

  @Option(names = "--stage2-refit-seconds", paramLabel = "S", defaultValue = "15",
      description = "How often models with new data are considered for a stage-2 refit (default: ${DEFAULT-VALUE}).")
  long refitSeconds;

  @Option(names = "--stage2-refit-responses", paramLabel = "N", defaultValue = "5000",
      description = "Refit once this many responses arrived since the last fit, or when the input has been quiet "
          + "for one refit interval (default: ${DEFAULT-VALUE}).")
  int refitResponses;

  ConnectivitySettings settings() {
    return ConnectivitySettings.defaults().withEnabled(enabled).withComponentsPerSource(components)
        .withRefit(Duration.ofSeconds(refitSeconds), refitResponses);
  }
}
