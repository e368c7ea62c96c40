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
import org.neuroencode.core.topic.Topic;
import org.neuroencode.core.topic.Topics;

/**
 * Sends responses (and the scans they are derived from) with the idempotent acks=all producer and turns Kafka's
 * acknowledgement into a Future.
 */
final class ResponsePublisher implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;

  ResponsePublisher(KafkaSettings kafka) {
    this.producer = new KafkaProducer<>(kafka.producer("neuroencode-serve"));
    // fetch the topic's metadata now: a first send() would otherwise wait for it on an event loop
    producer.partitionsFor(Topics.RESPONSES.name());
    producer.partitionsFor(Topics.SCANS.name());
    producer.partitionsFor(Topics.EXPERIMENTS.name());
  }

  /** Completes on the caller's context once every in-sync replica has the record. */
  Future<Ack> send(Context context, Response response) {
    return send(context, Topics.RESPONSES, Ids.stimulusKey(response.getExperimentId(), response.getStimulusId()), response);
  }

  /** Any registry topic's record, acknowledged the same way. */
  <V> Future<Ack> send(Context context, Topic<String, V> topic, String key, V record) {
    Promise<Ack> acknowledged = Promise.promise();
    try {
      byte[] value = topic.valueSerde().serializer().serialize(topic.name(), record);
      producer.send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8), value), (metadata, exception) ->
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
