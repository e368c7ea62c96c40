package org.neuroencode.app.serve;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.core.validation.ExperimentIndex;
import org.neuroencode.ingest.registry.ExperimentSpecs;

/**
 * PUT /v1/experiments/{exp}[?replace=true]: registers an experiment from the spec `experiments create --spec`
 * takes (YAML or JSON, stimulus ids inline). 201 for a new experiment; 200 when the registry holds the same spec
 * already; 409 when it holds a different one, unless replace=true says to replace it (200). Replacing is explicit
 * because responses already stored were validated against the old entry.
 */
final class ExperimentSpecHandler implements Handler<RoutingContext> {
  private final ServeState state;

  ExperimentSpecHandler(ServeState state) {
    this.state = state;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String experimentId = ResponsesHandler.identifier(ctx.pathParam("exp"), "experiment");
    boolean replace = "true".equalsIgnoreCase(ctx.queryParams().get("replace"));
    String text = ctx.body().buffer() == null ? "" : ctx.body().buffer().toString(StandardCharsets.UTF_8);
    Experiment experiment;
    try {
      experiment = ExperimentSpecs.parse(ExperimentSpecs.tree(text), null);
    } catch (IllegalArgumentException | IOException e) {
      throw new HttpError(400, "the experiment spec: " + e.getMessage());
    }
    if (!experiment.getExperimentId().equals(experimentId)) {
      throw new HttpError(400, "the spec registers '" + experiment.getExperimentId() + "' but was sent to '" + experimentId + "'");
    }
    Optional<ExperimentIndex> existing = state.registry().find(experimentId);
    if (existing.isPresent() && sameSpec(existing.get().experiment(), experiment)) {
      Replies.json(ctx, 200, summary(experiment).put("unchanged", true));
      return;
    }
    if (existing.isPresent() && !replace) {
      throw new HttpError(409, "experiment '" + experimentId + "' is registered with a different spec; "
          + "PUT with ?replace=true to replace it");
    }
    state.publisher().send(ctx.vertx().getOrCreateContext(), Topics.EXPERIMENTS, experimentId, experiment)
        .onSuccess(ack -> {
          // the `experiments` tail will deliver it too; registering now lets the next request use it at once
          state.registry().register(experiment);
          Replies.json(ctx, existing.isPresent() ? 200 : 201, summary(experiment).mergeIn(ack.toJson()));
        })
        .onFailure(failure -> ctx.fail(new HttpError(503, "Kafka did not acknowledge the experiment: " + failure.getMessage())));
  }

  /** Equal but for the registration time. */
  private static boolean sameSpec(Experiment registered, Experiment posted) {
    return Experiment.newBuilder(registered).setCreatedAtMs(posted.getCreatedAtMs()).build().equals(posted);
  }

  private static JsonObject summary(Experiment experiment) {
    return new JsonObject().put("experiment", experiment.getExperimentId())
        .put("subjects", experiment.getSubjects().size()).put("stimuli", experiment.getStimuli().size());
  }
}
