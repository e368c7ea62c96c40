package org.neuroencode.app.serve;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.neuroencode.core.json.RecordJson;
import org.neuroencode.core.validation.ExperimentIndex;

/** GET /v1/experiments/{exp}: the registry entry, what this instance has stored, the latest scores and the live runs. */
final class ExperimentHandler implements Handler<RoutingContext> {
  private final ServeState state;

  ExperimentHandler(ServeState state) {
    this.state = state;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String experimentId = ctx.pathParam("exp");
    ExperimentIndex experiment = state.registry().find(experimentId)
        .orElseThrow(() -> new HttpError(404, "unknown experiment '" + experimentId + "'"));
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("experiment", RecordJson.toNode(experiment.experiment()));
    body.set("accepted", state.counts().toJson(experimentId));
    body.set("scores", state.scores().toJson(experimentId));
    body.set("runs", state.runs().toJson(experimentId));
    Replies.json(ctx, 200, body.toString());
  }
}
