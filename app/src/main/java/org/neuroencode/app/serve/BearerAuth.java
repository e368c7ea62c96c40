package org.neuroencode.app.serve;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Requires the start-up token on every request; the token never reaches a log or a reply. */
final class BearerAuth implements Handler<RoutingContext> {
  private static final String PREFIX = "Bearer ";
  private final byte[] token;

  BearerAuth(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    boolean presented = header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    // constant-time comparison, so response timing does not reveal how much of a guess was right
    if (presented && MessageDigest.isEqual(token, header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8))) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("WWW-Authenticate", "Bearer");
    ctx.fail(new HttpError(401, presented ? "invalid bearer token" : "missing bearer token"));
  }
}
