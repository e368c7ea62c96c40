package org.neuroencode.app.serve;

import io.vertx.core.json.JsonObject;

/**
 * The HTTP side's settings, passed to the verticle as its JSON config.
 *
 * @param port 0 picks a free port
 */
public record ServeConfig(String host, int port, String token, long maxBodyBytes) {
  public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;

  public ServeConfig {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("a bearer token is required (--token or NEUROENCODE_TOKEN)");
    }
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("the body size limit must be positive");
    }
  }

  JsonObject toJson() {
    return new JsonObject().put("host", host).put("port", port).put("token", token).put("maxBodyBytes", maxBodyBytes);
  }

  static ServeConfig fromJson(JsonObject json) {
    return new ServeConfig(json.getString("host"), json.getInteger("port"), json.getString("token"), json.getLong("maxBodyBytes"));
  }

  /** Leaves the token out: records get printed, and the token must never be. */
  @Override
  public String toString() {
    return "ServeConfig[host=" + host + ", port=" + port + ", maxBodyBytes=" + maxBodyBytes + "]";
  }
}
