package org.neuroencode.app.serve;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every response known to be in the `responses` topic or on its way there. A post claims its key
 * before it is sent, atomically, so of two concurrent duplicates exactly one reaches Kafka.
 */
final class StoredResponses {
  private final Map<ResponseKey, Future<Ack>> byKey = new ConcurrentHashMap<>();

  /** Empty when this caller now owns the key; otherwise the earlier claim. */
  Optional<Future<Ack>> claim(ResponseKey key, Future<Ack> pending) {
    return Optional.ofNullable(byKey.putIfAbsent(key, pending));
  }

  /** Gives a key back after a failed send, so the client can retry. */
  void release(ResponseKey key, Future<Ack> pending) {
    byKey.remove(key, pending);
  }

  /** A response read back from the topic: stored already, whoever wrote it. */
  void stored(ResponseKey key, Ack where) {
    byKey.putIfAbsent(key, Future.succeededFuture(where));
  }
}
