package org.neuroencode.encoder;

import java.time.Duration;
import org.neuroencode.encoder.ridge.RidgeSettings;

/**
 * What the encoder topology is built with.
 *
 * @param runId scopes outputs, so that a replay with other settings never mixes with an earlier run
 * @param folds K of the (nested) K-fold cross-validation
 * @param solveInterval how often dirty cells are re-solved (wall clock)
 * @param unknownExperimentGrace how long a record may wait for its experiment to be registered
 */
public record EncoderSettings(
    String runId,
    int folds,
    RidgeSettings ridge,
    Duration solveInterval,
    Duration unknownExperimentGrace) {

  /** Ten log-spaced alphas from 1e-2 to 1e5, as in the benchmarks against himalaya. */
  public static final String DEFAULT_ALPHAS = "1e-2:1e5:10";

  public static EncoderSettings defaults(String runId) {
    return new EncoderSettings(runId, 5, RidgeSettings.parse(DEFAULT_ALPHAS), Duration.ofSeconds(2),
        Duration.ofMinutes(2));
  }

  public EncoderSettings withSolveInterval(Duration interval) {
    return new EncoderSettings(runId, folds, ridge, interval, unknownExperimentGrace);
  }

  public EncoderSettings withRidge(RidgeSettings settings) {
    return new EncoderSettings(runId, folds, settings, solveInterval, unknownExperimentGrace);
  }

  public EncoderSettings withFolds(int k) {
    return new EncoderSettings(runId, k, ridge, solveInterval, unknownExperimentGrace);
  }

  public EncoderSettings withUnknownExperimentGrace(Duration grace) {
    return new EncoderSettings(runId, folds, ridge, solveInterval, grace);
  }
}
