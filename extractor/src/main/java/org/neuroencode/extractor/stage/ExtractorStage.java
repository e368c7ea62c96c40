package org.neuroencode.extractor.stage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.neuroencode.core.claim.FeatureClaims;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.deadletter.DeadLetters;
import org.neuroencode.core.schema.DType;
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
 * crash never loses or half-publishes a stimulus. A stimulus that cannot be read, decoded or used by a
 * model (corrupt, or too short for the model's clip) becomes a dead letter with the reason, per model.
 */
public final class ExtractorStage implements Runnable, AutoCloseable {
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
  public static final String GROUP_ID = "neuroencode-extractor";
  static final String STAGE = "extractor";
  private static final Logger LOG = LoggerFactory.getLogger(ExtractorStage.class);
  private final KafkaSettings kafka;
  public static final Path DEFAULT_FEATURE_STORE = Path.of("neuroencode-data", "feature-store");
  private final List<FeatureModel> models;
  private final int threads;
  private final ExecutorService workers;
  private final Path featureStore;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AvroSerde<Stimulus> stimuli = (AvroSerde<Stimulus>) Topics.STIMULI.valueSerde();
  private final AvroSerde<Features> features = (AvroSerde<Features>) Topics.FEATURES.valueSerde();
  private final AvroSerde<DeadLetter> deadLetters = (AvroSerde<DeadLetter>) Topics.DEAD_LETTERS.valueSerde();
  private volatile long processed;

  public ExtractorStage(KafkaSettings kafka, List<FeatureModel> models, int threads) {
    this(kafka, models, threads, DEFAULT_FEATURE_STORE);
  }

  /**
   * @param featureStore where vectors too large for a record go (claim check); consumers must see the same
   *     path (a shared or network folder when they run elsewhere)
   */
  public ExtractorStage(KafkaSettings kafka, List<FeatureModel> models, int threads, Path featureStore) {
    this.kafka = kafka;
    this.models = List.copyOf(models);
    this.threads = Math.max(1, threads);
    this.workers = Executors.newFixedThreadPool(this.threads);
    this.featureStore = featureStore;
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
    int largestBatch = models.stream().mapToInt(FeatureModel::batchSize).max().orElse(1);
    consumerProps.put(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
        String.valueOf(Math.max(16, largestBatch * threads)));
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
      producer.initTransactions();
      consumer.subscribe(List.of(Topics.STIMULI.name()));
      while (!stopping.get()) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
        if (records.isEmpty()) {
          continue;
        }
        List<ProducerRecord<byte[], byte[]>> outputs;
        try {
          outputs = extractAll(records);
        } catch (RuntimeException e) {
          // not the stimuli's fault (a full feature store, a failed worker): retry them rather than lose them
          rewind(consumer, records);
          LOG.warn("extraction failed and will be retried: {}", e.getMessage());
          pause(RETRY_PAUSE);
          continue;
        }
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

  /**
   * Loads every stimulus, then runs each model on the loadable ones in batches of its size, each batch on a
   * worker thread (which keeps its own predictor); outputs follow the records' order.
   */
  private List<ProducerRecord<byte[], byte[]>> extractAll(ConsumerRecords<byte[], byte[]> records) {
    List<ConsumerRecord<byte[], byte[]>> inputs = new ArrayList<>();
    records.forEach(inputs::add);
    List<Future<Loaded>> loading = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : inputs) {
      loading.add(workers.submit(() -> load(record)));
    }
    List<Loaded> loaded = awaitAll(loading);
    List<Integer> usable = new ArrayList<>();
    for (int i = 0; i < loaded.size(); i++) {
      if (loaded.get(i).failure() == null) {
        usable.add(i);
      }
    }
    Map<FeatureModel, List<Future<List<FeatureModel.Extraction>>>> running = new LinkedHashMap<>();
    for (FeatureModel model : models) {
      List<Future<List<FeatureModel.Extraction>>> batches = new ArrayList<>();
      for (int from = 0; from < usable.size(); from += model.batchSize()) {
        List<byte[]> videos = new ArrayList<>();
        for (int i : usable.subList(from, Math.min(usable.size(), from + model.batchSize()))) {
          videos.add(loaded.get(i).video());
        }
        batches.add(workers.submit(() -> model.extractAll(videos)));
      }
      running.put(model, batches);
    }
    Map<FeatureModel, List<FeatureModel.Extraction>> results = new LinkedHashMap<>();
    running.forEach((model, batches) -> results.put(model, awaitAll(batches).stream().flatMap(List::stream).toList()));

    List<ProducerRecord<byte[], byte[]>> outputs = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < inputs.size(); i++) {
      ConsumerRecord<byte[], byte[]> record = inputs.get(i);
      Loaded input = loaded.get(i);
      if (input.failure() != null) {
        outputs.add(deadLetter(record, input.failure()));
        continue;
      }
      for (FeatureModel model : models) {
        FeatureModel.Extraction extraction = results.get(model).get(next);
        if (!extraction.succeeded()) {
          outputs.add(deadLetter(record, "model " + model.id() + " on stimulus " + input.stimulus().getStimulusId()
              + ": " + extraction.failure()));
          continue;
        }
        for (Map.Entry<String, double[]> layer : extraction.layers().entrySet()) {
          Features out = features(input.stimulus(), model, layer.getKey(), layer.getValue());
          outputs.add(new ProducerRecord<>(Topics.FEATURES.name(), record.key(), features.encode(out)));
        }
      }
      next++;
    }
    return outputs;
  }

  /** A stimulus and its video bytes, or why it has none. */
  private record Loaded(Stimulus stimulus, byte[] video, String failure) {}

  private Loaded load(ConsumerRecord<byte[], byte[]> record) {
    try {
      Stimulus stimulus = stimuli.decode(record.value());
      return new Loaded(stimulus, StimulusContent.bytesOf(stimulus), null);
    } catch (Exception e) {
      return new Loaded(null, null, String.valueOf(e.getMessage()));
    }
  }

  /** The layer's vector inline, or by claim check in the feature store when it would make the record too big. */
  private Features features(Stimulus stimulus, FeatureModel model, String layer, double[] values) {
    Features.Builder out = Features.newBuilder()
        .setExperimentId(stimulus.getExperimentId())
        .setStimulusId(stimulus.getStimulusId())
        .setModel(model.id())
        .setLayer(layer)
        .setAttributes(model.attributes())
        .setExtractedAtMs(System.currentTimeMillis());
    if (FeatureClaims.fitsInline(values.length, DType.FLOAT32)) {
      return out.setValues(Tensors.vector(values, DType.FLOAT32)).build();
    }
    return out.setValues(FeatureClaims.placeholder(DType.FLOAT32))
        .setClaim(FeatureClaims.store(featureStore, values, DType.FLOAT32)).build();
  }

  private static <T> List<T> awaitAll(List<Future<T>> futures) {
    List<T> values = new ArrayList<>(futures.size());
    for (Future<T> future : futures) {
      try {
        values.add(future.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    return values;
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

  /** Stops the workers and waits for a batch still running, so that the caller may then close the models. */
  @Override
  public void close() {
    stop();
    workers.shutdownNow();
    try {
      if (!workers.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES)) {
        LOG.warn("extractor workers still running after 2 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
