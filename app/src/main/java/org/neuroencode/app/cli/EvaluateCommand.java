package org.neuroencode.app.cli;

import java.util.concurrent.Callable;
import org.neuroencode.app.streams.Pipeline;
import org.neuroencode.core.topic.TopicAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Run the evaluator: turn each model snapshot into per-voxel Pearson r and per-ROI scores.")
public final class EvaluateCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;
  @Mixin StageOptions stage;

  @Override
  public Integer call() throws Exception {
    TopicAdmin.ensureTopics(kafka.settings(), (short) 1);
    return RunUntilStopped.await("evaluator", Pipeline.startEvaluator(kafka.settings(), stage.runId, stage.stateDir));
  }
}
