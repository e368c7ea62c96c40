package org.neuroencode.app.serve;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** The HTTP routes over the shared state; its JSON config is a {@link ServeConfig}. */
final class ServeVerticle extends VerticleBase {
  private final ServeState state;
  private volatile HttpServer server;

  ServeVerticle(ServeState state) {
    this.state = state;
  }

  @Override
  public Future<?> start() {
    ServeConfig config = ServeConfig.fromJson(config());
    Router router = Router.router(vertx);
    JsonErrors errors = new JsonErrors();
    // authentication comes before the body is read, so an unauthenticated client cannot make it buffer anything
    router.route().handler(new BearerAuth(config.token()));
    router.route().handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
    router.post("/v1/experiments/:exp/subjects/:sub/responses").handler(new ResponsesHandler(state));
    router.post("/v1/experiments/:exp/subjects/:sub/volumes").handler(new VolumesHandler(state));
    router.put("/v1/experiments/:exp/subjects/:sub/runs/:run/events").handler(new RunEventsHandler(state));
    router.get("/v1/experiments/:exp").handler(new ExperimentHandler(state));
    router.put("/v1/experiments/:exp").handler(new ExperimentSpecHandler(state));
    router.route().failureHandler(errors);
    router.errorHandler(404, errors);
    router.errorHandler(405, errors);
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(config.port(), config.host())
        .onSuccess(listening -> server = listening);
  }

  int port() {
    return server.actualPort();
  }
}
