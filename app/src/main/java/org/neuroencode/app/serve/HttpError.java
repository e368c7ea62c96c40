package org.neuroencode.app.serve;

import io.vertx.core.json.JsonObject;

/** A failure the client caused or can act on; its message is safe to show. */
final class HttpError extends RuntimeException {
  private final int status;
  private final transient JsonObject details;

  HttpError(int status, String message) {
    this(status, message, new JsonObject());
  }

  HttpError(int status, String message, JsonObject details) {
    super(message, null, false, false);
    this.status = status;
    this.details = details;
  }

  int status() {
    return status;
  }

  JsonObject body() {
    return details.copy().put("error", getMessage());
  }
}
