package org.neuroencode.app.serve;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The one way replies are written, so every body is JSON with its content type. */
final class Replies {
  private Replies() {}

  static void json(RoutingContext ctx, int status, JsonObject body) {
    json(ctx, status, body.encode());
  }

  static void json(RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }
}
