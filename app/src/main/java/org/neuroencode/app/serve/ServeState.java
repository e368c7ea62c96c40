package org.neuroencode.app.serve;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.neuroencode.core.schema.Response;

/** What the request handlers share; every part is safe to use from several event loops. */
record ServeState(ExperimentRegistry registry, StoredResponses stored, AcceptedCounts counts, LatestScores scores,
    ResponsePublisher publisher, LiveRuns runs) {

  /**
   * Stores a validated response once: claims its key, sends it and counts it once Kafka has it. Fails with a 409
   * {@link HttpError} carrying the original's coordinates when the key is claimed already, and with a 503 when
   * Kafka does not acknowledge (the claim is then given back, so the client may retry).
   */
  Future<Ack> storeOnce(Context context, Response response) {
    ResponseKey key = ResponseKey.of(response);
    Promise<Ack> pending = Promise.promise();
    Future<Ack> earlier = stored.claim(key, pending.future()).orElse(null);
    if (earlier != null) {
      JsonObject where = earlier.succeeded() ? earlier.result().toJson() : new JsonObject();
      return Future.failedFuture(new HttpError(409, "response " + key + " is already stored", where));
    }
    publisher.send(context, response).onComplete(pending);
    return pending.future()
        .onSuccess(ack -> counts.add(key))
        .recover(failure -> {
          stored.release(key, pending.future());
          return Future.failedFuture(new HttpError(503, "Kafka did not acknowledge the response: " + failure.getMessage()));
        });
  }
}
