package org.neuroencode.app.serve;

import java.util.List;
import org.neuroencode.app.broker.TopicContents;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.topic.Topics;

/** Reads back what the `responses` topic holds for one experiment, to check what the service claims. */
final class StoredResponsesReader {
  private StoredResponsesReader() {}

  static List<Response> read(KafkaSettings kafka, String experimentId) {
    return TopicContents.read(kafka, Topics.RESPONSES, response -> response.getExperimentId().equals(experimentId));
  }
}
