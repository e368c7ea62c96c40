package org.neuroencode.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.topic.TopicAdmin;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.ingest.publish.RecordPublisher;
import org.neuroencode.ingest.registry.ExperimentSpecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "experiments", mixinStandardHelpOptions = true, description = "The experiment registry.",
    subcommands = {ExperimentsCommand.Create.class})
public final class ExperimentsCommand {

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Register an experiment from a YAML or JSON spec: subjects with their ROIs and voxel counts, "
          + "the stimulus set with its train/test split, and the repetitions per split. See ExperimentSpecs for the format.")
  static final class Create implements Callable<Integer> {
    @Mixin KafkaOptions kafka;

    @Option(names = "--spec", required = true, description = "The spec file (.yaml or .json).")
    Path spec;

    @Override
    public Integer call() throws Exception {
      Experiment experiment = ExperimentSpecs.read(spec);
      TopicAdmin.ensureTopics(kafka.settings(), (short) 1);
      try (RecordPublisher publisher = new RecordPublisher(kafka.settings(), "neuroencode-experiments")) {
        publisher.send(Topics.EXPERIMENTS, experiment.getExperimentId(), experiment);
        publisher.flush();
      }
      System.out.printf("registered experiment %s: %d subjects, %d stimuli%n", experiment.getExperimentId(),
          experiment.getSubjects().size(), experiment.getStimuli().size());
      return 0;
    }
  }
}
