package org.neuroencode.app.serve;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.topic.Topics;

/** Sends responses with the idempotent acks=all producer and turns Kafka's acknowledgement into a Future. */
final class ResponsePublisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;

  ResponsePublisher(KafkaSettings kafka) {
    this.producer = new KafkaProducer<>(kafka.producer("neuroencode-serve"));
    // fetch the topic's metadata now: a first send() would otherwise wait for it on an event loop
    producer.partitionsFor(Topics.RESPONSES.name());
  }

  /** Completes on the caller's context once every in-sync replica has the record. */
  Future<Ack> send(Context context, Response response) {
    Promise<Ack> acknowledged = Promise.promise();
    byte[] key = Ids.stimulusKey(response.getExperimentId(), response.getStimulusId()).getBytes(StandardCharsets.UTF_8);
    byte[] value = Topics.RESPONSES.valueSerde().serializer().serialize(Topics.RESPONSES.name(), response);
    try {
      producer.send(new ProducerRecord<>(Topics.RESPONSES.name(), key, value), (metadata, exception) ->
          // the callback runs on the producer's I/O thread, which must not run request handlers
          context.runOnContext(ignored -> {
            if (exception != null) {
              acknowledged.fail(exception);
            } else {
              acknowledged.complete(new Ack(metadata.topic(), metadata.partition(), metadata.offset()));
            }
          }));
    } catch (RuntimeException e) {
      acknowledged.tryFail(e);
    }
    return acknowledged.future();
  }

  @Override
  public void close() {
    producer.close();
  }
}
