package org.neuroencode.app.serve;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure leaves as {"error": "..."}, so clients parse one shape whatever went wrong. */
final class JsonErrors implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(JsonErrors.class);

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().ended()) {
      return;
    }
    int status;
    JsonObject body;
    if (ctx.failure() instanceof HttpError error) {
      status = error.status();
      body = error.body();
    } else {
      status = ctx.statusCode() > 0 && ctx.failure() == null ? ctx.statusCode() : 500;
      if (status == 500) {
        // the cause may hold request data, so it goes to the log and not to the client
        LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
      }
      body = new JsonObject().put("error", reason(status));
    }
    Replies.json(ctx, status, body);
  }

  private static String reason(int status) {
    return switch (status) {
      case 404 -> "no such resource";
      case 405 -> "method not allowed";
      case 413 -> "request body too large";
      default -> "internal error";
    };
  }
}
