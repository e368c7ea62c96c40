package org.neuroencode.extractor.stage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.deadletter.DeadLetters;
import org.neuroencode.core.schema.DeadLetter;
import org.neuroencode.core.schema.Features;
import org.neuroencode.core.schema.Stimulus;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.core.topic.AvroSerde;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.extractor.FeatureModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes stimuli as a consumer group (more instances share the partitions) and publishes every
 * model's layer features. Each poll's outputs and its input offsets commit in one transaction, so a
 * crash never loses or half-publishes a stimulus. Undecodable stimuli become dead letters.
 */
public final class ExtractorStage implements Runnable, AutoCloseable {
  public static final String GROUP_ID = "neuroencode-extractor";
  static final String STAGE = "extractor";
  private static final Logger LOG = LoggerFactory.getLogger(ExtractorStage.class);
  private final KafkaSettings kafka;
  private final List<FeatureModel> models;
  private final ExecutorService workers;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AvroSerde<Stimulus> stimuli = (AvroSerde<Stimulus>) Topics.STIMULI.valueSerde();
  private final AvroSerde<Features> features = (AvroSerde<Features>) Topics.FEATURES.valueSerde();
  private final AvroSerde<DeadLetter> deadLetters = (AvroSerde<DeadLetter>) Topics.DEAD_LETTERS.valueSerde();
  private volatile long processed;

  public ExtractorStage(KafkaSettings kafka, List<FeatureModel> models, int threads) {
    this.kafka = kafka;
    this.models = List.copyOf(models);
    this.workers = Executors.newFixedThreadPool(Math.max(1, threads));
  }

  public long processed() {
    return processed;
  }

  @Override
  public void run() {
    var producerProps = kafka.producer("neuroencode-extractor");
    producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "neuroencode-extractor-" + UUID.randomUUID());
    var consumerProps = kafka.consumer(GROUP_ID);
    // A poll's stimuli are extracted inside one transaction: keep it short.
    consumerProps.put(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "16");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
      producer.initTransactions();
      consumer.subscribe(List.of(Topics.STIMULI.name()));
      while (!stopping.get()) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
        if (records.isEmpty()) {
          continue;
        }
        List<ProducerRecord<byte[], byte[]>> outputs = extractAll(records);
        producer.beginTransaction();
        try {
          outputs.forEach(producer::send);
          producer.sendOffsetsToTransaction(nextOffsets(records), consumer.groupMetadata());
          producer.commitTransaction();
          processed += records.count();
        } catch (ProducerFencedException fenced) {
          throw fenced;
        } catch (RuntimeException e) {
          producer.abortTransaction();
          rewind(consumer, records);
          LOG.warn("extraction batch aborted and will be retried: {}", e.getMessage());
        }
      }
    }
  }

  private List<ProducerRecord<byte[], byte[]>> extractAll(ConsumerRecords<byte[], byte[]> records) {
    List<Future<List<ProducerRecord<byte[], byte[]>>>> pending = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      pending.add(workers.submit(() -> extractOne(record)));
    }
    List<ProducerRecord<byte[], byte[]>> outputs = new ArrayList<>();
    for (Future<List<ProducerRecord<byte[], byte[]>>> result : pending) {
      try {
        outputs.addAll(result.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    return outputs;
  }

  private List<ProducerRecord<byte[], byte[]>> extractOne(ConsumerRecord<byte[], byte[]> record) {
    List<ProducerRecord<byte[], byte[]>> outputs = new ArrayList<>();
    Stimulus stimulus;
    byte[] video;
    try {
      stimulus = stimuli.decode(record.value());
      video = StimulusContent.bytesOf(stimulus);
    } catch (Exception e) {
      outputs.add(deadLetter(record, e.getMessage()));
      return outputs;
    }
    for (FeatureModel model : models) {
      try {
        Map<String, double[]> layers = model.extract(video);
        for (Map.Entry<String, double[]> layer : layers.entrySet()) {
          Features out = Features.newBuilder()
              .setExperimentId(stimulus.getExperimentId())
              .setStimulusId(stimulus.getStimulusId())
              .setModel(model.id())
              .setLayer(layer.getKey())
              .setValues(Tensors.vector(layer.getValue(), org.neuroencode.core.schema.DType.FLOAT32))
              .setAttributes(model.attributes())
              .setExtractedAtMs(System.currentTimeMillis())
              .build();
          outputs.add(new ProducerRecord<>(Topics.FEATURES.name(), record.key(), features.encode(out)));
        }
      } catch (Exception e) {
        outputs.add(deadLetter(record, "model " + model.id() + " on stimulus " + stimulus.getStimulusId() + ": "
            + e.getMessage()));
      }
    }
    return outputs;
  }

  private ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
    DeadLetter letter = DeadLetters.of(STAGE, String.valueOf(reason), record.topic(), record.partition(),
        record.offset(), record.key(), record.value());
    return new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, record.key(), deadLetters.encode(letter),
        DeadLetters.headers(letter));
  }

  private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> batch = records.records(partition);
      offsets.put(partition, new OffsetAndMetadata(batch.get(batch.size() - 1).offset() + 1));
    }
    return offsets;
  }

  private static void rewind(KafkaConsumer<byte[], byte[]> consumer, ConsumerRecords<byte[], byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      consumer.seek(partition, records.records(partition).get(0).offset());
    }
  }

  public void stop() {
    stopping.set(true);
  }

  @Override
  public void close() {
    stop();
    workers.shutdownNow();
  }

}
