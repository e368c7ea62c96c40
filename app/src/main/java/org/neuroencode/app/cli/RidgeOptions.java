package org.neuroencode.app.cli;

import org.neuroencode.encoder.EncoderSettings;
import org.neuroencode.encoder.ridge.RidgeSettings;
import picocli.CommandLine.Option;

/** Ridge options shared by the encoder and the batch fit. */
public final class RidgeOptions {
  @Option(names = "--alphas", description = "Alpha grid FROM:TO:COUNT, log-spaced, or a comma list (default: ${DEFAULT-VALUE}).",
      defaultValue = EncoderSettings.DEFAULT_ALPHAS)
  String alphas;

  @Option(names = "--folds", description = "K of the K-fold cross-validation (default: ${DEFAULT-VALUE}).", defaultValue = "5")
  int folds;

  @Option(names = "--criterion", description = "Alpha selection criterion: r2 or pearson (default: ${DEFAULT-VALUE}).",
      defaultValue = "r2")
  String criterion;

  @Option(names = "--no-intercept", description = "Fit without an intercept (the features and responses are taken as centered).")
  boolean noIntercept;

  public RidgeSettings settings() {
    RidgeSettings.Criterion parsed = switch (criterion.toLowerCase()) {
      case "r2" -> RidgeSettings.Criterion.R2;
      case "pearson" -> RidgeSettings.Criterion.PEARSON;
      default -> throw new IllegalArgumentException("--criterion must be r2 or pearson, not '" + criterion + "'");
    };
    if (folds < 2) {
      throw new IllegalArgumentException("--folds must be at least 2, not " + folds);
    }
    return RidgeSettings.parse(alphas).withCriterion(parsed).withFitIntercept(!noIntercept);
  }
}
