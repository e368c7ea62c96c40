package org.neuroencode.app.serve;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.validation.ExperimentIndex;
import org.neuroencode.core.validation.RecordValidation;

/** POST /v1/experiments/{exp}/subjects/{sub}/responses: validate, store once, answer with Kafka's coordinates. */
final class ResponsesHandler implements Handler<RoutingContext> {
  static final String SOURCE = "http";
  private final ServeState state;

  ResponsesHandler(ServeState state) {
    this.state = state;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Response response = Response.newBuilder()
        .setExperimentId(identifier(ctx.pathParam("exp"), "experiment"))
        .setSubjectId(identifier(ctx.pathParam("sub"), "subject"))
        .setStimulusId(identifier(ctx.queryParams().get("stimulus"), "stimulus"))
        .setRoi(identifier(ctx.queryParams().get("roi"), "roi"))
        .setRepetition(repetition(ctx.queryParams().get("repetition")))
        .setValues(ResponseBody.decode(ctx.request().getHeader("Content-Type"), ctx.body().buffer()))
        .setSource(SOURCE)
        .setAcquiredAtMs(System.currentTimeMillis())
        .build();
    ExperimentIndex experiment = state.registry().find(response.getExperimentId())
        .orElseThrow(() -> new HttpError(404, "unknown experiment '" + response.getExperimentId() + "'"));
    RecordValidation.problemWith(response, experiment).ifPresent(problem -> {
      throw new HttpError(422, problem);
    });
    store(ctx, response);
  }

  private void store(RoutingContext ctx, Response response) {
    state.storeOnce(ctx.vertx().getOrCreateContext(), response)
        .onSuccess(ack -> Replies.json(ctx, 202, ack.toJson()))
        .onFailure(ctx::fail);
  }

  static String identifier(String value, String what) {
    if (value == null) {
      throw new HttpError(400, "missing " + what);
    }
    if (!Ids.isValid(value)) {
      throw new HttpError(400, what + " '" + value + "' is not a valid identifier (letters, digits and ._+=-, at most 200)");
    }
    return value;
  }

  private static int repetition(String value) {
    if (value == null) {
      throw new HttpError(400, "missing repetition");
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new HttpError(400, "repetition '" + value + "' is not an integer");
    }
  }
}
