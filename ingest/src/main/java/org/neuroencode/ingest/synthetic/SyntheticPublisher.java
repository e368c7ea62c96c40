package org.neuroencode.ingest.synthetic;

import java.nio.ByteBuffer;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.Stimulus;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.extractor.stage.StimulusContent;
import org.neuroencode.ingest.publish.RecordPublisher;

/** Publishes a synthetic experiment: its registry entry first, then the videos, then the responses. */
public final class SyntheticPublisher {
  private SyntheticPublisher() {}

  public record Published(long stimuli, long responses) {}

  public static Published publish(KafkaSettings kafka, SyntheticExperiment experiment) {
    String experimentId = experiment.spec().experimentId();
    try (RecordPublisher publisher = new RecordPublisher(kafka, "neuroencode-ingest-synthetic")) {
      publisher.send(Topics.EXPERIMENTS, experimentId, experiment.registryEntry());
      publisher.flush();
      sendStimuli(publisher, experiment);
      long responses = 0;
      for (Response response : experiment.responsesInScannerOrder()) {
        publisher.send(Topics.RESPONSES, Ids.stimulusKey(experimentId, response.getStimulusId()), response);
        responses++;
      }
      publisher.flush();
      return new Published(experiment.stimuli().size(), responses);
    }
  }

  /** The videos alone, inline: what the extractor needs before responses arrive by another way (HTTP). */
  public static void sendStimuli(RecordPublisher publisher, SyntheticExperiment experiment) {
    String experimentId = experiment.spec().experimentId();
    for (SyntheticStimulus stimulus : experiment.stimuli()) {
      publisher.send(Topics.STIMULI, Ids.stimulusKey(experimentId, stimulus.stimulusId()), Stimulus.newBuilder()
          .setExperimentId(experimentId)
          .setStimulusId(stimulus.stimulusId())
          .setSplit(stimulus.split())
          .setContent(ByteBuffer.wrap(stimulus.mp4()))
          .setSha256(StimulusContent.sha256(stimulus.mp4()))
          .setSizeBytes(stimulus.mp4().length)
          .setCreatedAtMs(System.currentTimeMillis())
          .build());
    }
  }
}
