package org.neuroencode.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.neuroencode.core.topic.TopicAdmin;
import org.neuroencode.extractor.stage.ExtractorStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "extract", mixinStandardHelpOptions = true,
    description = "Run the extractor: decode every stimulus video and publish its motion-energy features. "
        + "Instances share the stimuli's partitions as one consumer group.")
public final class ExtractCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;
  @Mixin MotionEnergyOptions motionEnergy;

  @Option(names = "--threads", description = "Videos decoded and filtered in parallel (default: ${DEFAULT-VALUE}).",
      defaultValue = "2")
  int threads;

  @Override
  public Integer call() throws Exception {
    TopicAdmin.ensureTopics(kafka.settings(), (short) 1);
    ExtractorStage stage = new ExtractorStage(kafka.settings(), List.of(motionEnergy.model()), threads);
    Thread worker = new Thread(stage, "extractor");
    worker.start();
    return RunUntilStopped.await("extractor", () -> {
      stage.stop();
      worker.join(30_000);
      stage.close();
    });
  }
}
