package org.neuroencode.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.neuroencode.core.topic.TopicAdmin;
import org.neuroencode.ingest.synthetic.SyntheticExperiment;
import org.neuroencode.ingest.synthetic.SyntheticPublisher;
import org.neuroencode.ingest.synthetic.TruthWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Publish experiments, stimuli and responses.",
    subcommands = {IngestCommand.Synthetic.class})
public final class IngestCommand {

  @Command(name = "synthetic", mixinStandardHelpOptions = true,
      description = "Generate a synthetic experiment with known ground truth (H.264 videos of moving gratings and blobs, "
          + "nine ROIs, 3 train and 10 test repetitions), publish it, and write the truth to --out.")
  static final class Synthetic implements Callable<Integer> {
    @Mixin KafkaOptions kafka;
    @Mixin SyntheticOptions synthetic;

    @Option(names = "--experiment", description = "Experiment id (default: ${DEFAULT-VALUE}).", defaultValue = "synthetic")
    String experimentId;

    @Option(names = "--out", description = "Where the ground truth is written (default: ${DEFAULT-VALUE}).",
        defaultValue = "neuroencode-out/truth")
    Path out;

    @Override
    public Integer call() throws Exception {
      TopicAdmin.ensureTopics(kafka.settings(), (short) 1);
      long started = System.nanoTime();
      SyntheticExperiment experiment = SyntheticExperiment.generate(synthetic.spec(experimentId), synthetic.threads);
      TruthWriter.write(experiment, out);
      SyntheticPublisher.Published published = SyntheticPublisher.publish(kafka.settings(), experiment);
      System.out.printf("published experiment %s: %d stimuli, %d responses in %.1f s; truth in %s%n", experimentId,
          published.stimuli(), published.responses(), (System.nanoTime() - started) / 1e9, out.toAbsolutePath());
      return 0;
    }
  }
}
