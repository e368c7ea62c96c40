package org.neuroencode.app.serve;

import io.vertx.core.json.JsonObject;

/** Where Kafka stored a record: what a client needs to find its response again. */
record Ack(String topic, int partition, long offset) {

  JsonObject toJson() {
    return new JsonObject().put("topic", topic).put("partition", partition).put("offset", offset);
  }
}
