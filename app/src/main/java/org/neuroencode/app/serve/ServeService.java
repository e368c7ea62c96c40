package org.neuroencode.app.serve;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.topic.Topics;

/**
 * The live-acquisition service: the registry, the stored responses and the scores followed from Kafka,
 * and the HTTP verticle over them. It listens only once the views have caught up and the live runs have been
 * replayed from `scans`, so a restart never accepts a response or a volume the topics already hold, and a
 * window that was open when the service stopped completes with the volumes that come after the restart.
 */
public final class ServeService implements AutoCloseable {
  private static final Duration CATCH_UP = Duration.ofMinutes(2);
  private final List<TopicTail<?>> tails;
  private final ResponsePublisher publisher;
  private final Vertx vertx;
  private final ServeVerticle verticle;

  private ServeService(List<TopicTail<?>> tails, ResponsePublisher publisher, Vertx vertx, ServeVerticle verticle) {
    this.tails = tails;
    this.publisher = publisher;
    this.vertx = vertx;
    this.verticle = verticle;
  }

  public static ServeService start(KafkaSettings kafka, ServeConfig config) throws Exception {
    ExperimentRegistry registry = new ExperimentRegistry();
    StoredResponses stored = new StoredResponses();
    LatestScores scores = new LatestScores();
    List<TopicTail<?>> tails = List.of(
        TopicTail.start(kafka, Topics.EXPERIMENTS, (experiment, where) -> registry.register(experiment)),
        TopicTail.start(kafka, Topics.RESPONSES, (response, where) -> stored.stored(ResponseKey.of(response), where)),
        TopicTail.start(kafka, Topics.SCORES, (score, where) -> scores.update(score)));
    ResponsePublisher publisher = null;
    Vertx vertx = null;
    try {
      for (TopicTail<?> tail : tails) {
        tail.awaitCaughtUp(CATCH_UP);
      }
      publisher = new ResponsePublisher(kafka);
      ServeState state = new ServeState(registry, stored, new AcceptedCounts(), scores, publisher, new LiveRuns());
      vertx = Vertx.vertx();
      ScanReplay.replay(kafka, state, vertx.getOrCreateContext(), CATCH_UP);
      ServeVerticle verticle = new ServeVerticle(state);
      vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config.toJson()))
          .toCompletionStage().toCompletableFuture().get(CATCH_UP.toSeconds(), TimeUnit.SECONDS);
      return new ServeService(tails, publisher, vertx, verticle);
    } catch (Exception e) {
      new ServeService(tails, publisher, vertx, null).close();
      throw e;
    }
  }

  public int port() {
    return verticle.port();
  }

  @Override
  public void close() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (publisher != null) {
      publisher.close();
    }
    for (TopicTail<?> tail : tails) {
      tail.close();
    }
  }
}
