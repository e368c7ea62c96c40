package org.neuroencode.app.streams;

import java.nio.file.Path;
import java.time.Duration;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.encoder.EncoderSettings;
import org.neuroencode.encoder.EncoderTopology;
import org.neuroencode.evaluator.EvaluatorTopology;

/** Application ids and start-up of the stream-processing stages, shared by the commands and the demo. */
public final class Pipeline {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private Pipeline() {}

  public static String encoderApplicationId(String runId) {
    return "neuroencode-encoder-" + runId;
  }

  public static String evaluatorApplicationId(String runId) {
    return "neuroencode-evaluator-" + runId;
  }

  public static StreamsStage startEncoder(KafkaSettings kafka, EncoderSettings settings, Path stateDir) {
    String applicationId = encoderApplicationId(settings.runId());
    return StreamsStage.start(EncoderTopology.build(settings),
        StreamsStage.properties(kafka, applicationId, stateDir), START_TIMEOUT);
  }

  public static StreamsStage startEvaluator(KafkaSettings kafka, String runId, Path stateDir) {
    String applicationId = evaluatorApplicationId(runId);
    return StreamsStage.start(EvaluatorTopology.build(),
        StreamsStage.properties(kafka, applicationId, stateDir), START_TIMEOUT);
  }
}
