package org.neuroencode.app.cli;

import java.util.concurrent.Callable;
import org.neuroencode.app.acquire.Acquisition;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.topic.TopicAdmin;
import org.neuroencode.ingest.publish.RecordPublisher;
import org.neuroencode.ingest.synthetic.SyntheticExperiment;
import org.neuroencode.ingest.synthetic.SyntheticPublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "acquire", mixinStandardHelpOptions = true,
    description = {"Play a synthetic experiment into a running 'neuroencode serve' over HTTP, as a scanner would: "
        + "register it (PUT /v1/experiments/{exp}), then run by run (one per repetition session) register each "
        + "subject's events and post one volume per subject every TR; each presentation's window of TRs 5-9 holds its "
        + "response, so the service derives exactly the synthetic responses. With --mode responses it posts the "
        + "responses themselves, one presentation every 5 TRs.",
        "Posts the service already holds (409) are skipped, so an interrupted acquisition can be started again. "
        + "Watch it with GET /v1/experiments/{exp}, or 'neuroencode topics tail responses'."})
public final class AcquireCommand implements Callable<Integer> {
  @Mixin SyntheticOptions synthetic;

  @Option(names = "--url", description = "The serve service (default: ${DEFAULT-VALUE}).", defaultValue = "http://127.0.0.1:8080")
  String url;

  // no ${DEFAULT-VALUE} in the description: --help must not print the token
  @Option(names = "--token", description = "Bearer token of the service (default: $NEUROENCODE_TOKEN).",
      defaultValue = "${env:NEUROENCODE_TOKEN}")
  String token;

  @Option(names = "--experiment", description = "Experiment id (default: ${DEFAULT-VALUE}).", defaultValue = "acquired")
  String experimentId;

  @Option(names = "--tr-seconds", description = "The scanner's TR in seconds (default: ${DEFAULT-VALUE}).", defaultValue = "2.0")
  double trSeconds;

  @Option(names = "--speedup", description = "Post this many times faster than real time (default: ${DEFAULT-VALUE}).",
      defaultValue = "1")
  double speedup;

  @Option(names = "--runs", description = "Play only the first N runs; 0 plays all (default: ${DEFAULT-VALUE}).", defaultValue = "0")
  int runs;

  @Option(names = "--mode", description = "volumes or responses (default: ${DEFAULT-VALUE}).", defaultValue = "volumes")
  String mode;

  @Option(names = "--stimuli-to", paramLabel = "BOOTSTRAP",
      description = "Also publish the videos to the stimuli topic of this Kafka cluster first, so that extract, encode "
          + "and evaluate can score the acquisition as it arrives (the HTTP service takes no videos).")
  String stimuliTo;

  @Override
  public Integer call() throws Exception {
    if (!mode.equals("volumes") && !mode.equals("responses")) {
      throw new IllegalArgumentException("--mode must be volumes or responses, not '" + mode + "'");
    }
    Acquisition.Settings settings = new Acquisition.Settings(url, token, trSeconds, speedup, runs, mode.equals("volumes"));
    long started = System.nanoTime();
    SyntheticExperiment experiment = SyntheticExperiment.generate(synthetic.spec(experimentId), synthetic.threads);
    System.out.printf("generated %s: %d stimuli, %d subjects in %.1f s%n", experimentId, experiment.stimuli().size(),
        experiment.registryEntry().getSubjects().size(), (System.nanoTime() - started) / 1e9);
    if (stimuliTo != null) {
      KafkaSettings kafka = KafkaSettings.of(stimuliTo);
      TopicAdmin.ensureTopics(kafka, (short) 1);
      try (RecordPublisher publisher = new RecordPublisher(kafka, "neuroencode-acquire")) {
        SyntheticPublisher.sendStimuli(publisher, experiment);
        publisher.flush();
      }
      System.out.println("published " + experiment.stimuli().size() + " videos to " + stimuliTo);
    }
    Acquisition.Summary summary = new Acquisition(experiment, settings, System.out).run();
    System.out.printf("acquired %s: %d volumes, %d responses stored, %d posts already stored%n", experimentId,
        summary.volumes(), summary.responses(), summary.alreadyStored());
    return 0;
  }
}
