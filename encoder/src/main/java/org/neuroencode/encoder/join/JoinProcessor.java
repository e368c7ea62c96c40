package org.neuroencode.encoder.join;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.neuroencode.core.claim.FeatureClaims;
import org.neuroencode.core.ids.CellKey;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.schema.DeadLetter;
import org.neuroencode.core.schema.EncodingSample;
import org.neuroencode.core.schema.Features;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.core.topic.AvroSerde;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.core.validation.ExperimentIndex;
import org.neuroencode.core.validation.RecordValidation;
import org.neuroencode.encoder.DeadLetterRecords;
import org.neuroencode.encoder.EncoderSettings;
import org.neuroencode.encoder.StoreNames;
import org.neuroencode.encoder.basis.ReducedFeatures;

/**
 * Joins responses with every layer's features of the same stimulus, in either arrival order. Both
 * sides are kept, so a response waits for features that come later (or are re-extracted on replay),
 * and features of a new model join the responses already received. Emits {@link EncodingSample}s keyed
 * by cell, or {@link DeadLetter}s.
 */
public final class JoinProcessor implements Processor<String, byte[], String, Object> {
  static final String STAGE = "encoder-join";
  private final EncoderSettings settings;
  private final AvroSerde<Response> responses = (AvroSerde<Response>) Topics.RESPONSES.valueSerde();
  private final AvroSerde<Features> features = (AvroSerde<Features>) Topics.FEATURES.valueSerde();
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, byte[]> featureStore;
  private KeyValueStore<String, byte[]> responseStore;
  private KeyValueStore<String, byte[]> awaiting;
  private ExperimentLookup experiments;

  public JoinProcessor(EncoderSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.featureStore = context.getStateStore(StoreNames.JOIN_FEATURES);
    this.responseStore = context.getStateStore(StoreNames.JOIN_RESPONSES);
    this.awaiting = context.getStateStore(StoreNames.AWAITING_EXPERIMENT);
    this.experiments = new ExperimentLookup(context.getStateStore(StoreNames.EXPERIMENTS));
    long retryMs = Math.max(200, Math.min(1000, settings.unknownExperimentGrace().toMillis() / 4));
    context.schedule(java.time.Duration.ofMillis(retryMs), PunctuationType.WALL_CLOCK_TIME, this::retryAwaiting);
  }

  @Override
  public void process(org.apache.kafka.streams.processor.api.Record<String, byte[]> record) {
    RecordMetadata source = context.recordMetadata().orElseThrow();
    handle(source.topic(), source.partition(), source.offset(), record.key(), record.value(), record.timestamp(),
        context.currentSystemTimeMs());
  }

  private void handle(String topic, int partition, long offset, String key, byte[] value, long timestamp,
      long firstSeenMs) {
    try {
      String experimentId;
      java.util.function.Function<ExperimentIndex, Optional<String>> validation;
      java.util.function.Consumer<ExperimentIndex> join;
      if (Topics.RESPONSES.name().equals(topic)) {
        Response response = responses.decode(value);
        experimentId = response.getExperimentId();
        validation = experiment -> RecordValidation.problemWith(response, experiment);
        join = experiment -> onResponse(response, value, experiment, timestamp);
      } else {
        Features feature = FeatureClaims.resolve(features.decode(value));
        experimentId = feature.getExperimentId();
        validation = experiment -> RecordValidation.problemWith(feature, experiment);
        // With PCA on, raw features are validated here (bad ones become dead letters) but only the reducer
        // uses them: the join encodes the reduced layers alone, so no raw cell is ever created.
        join = settings.pcaEnabled() && !ReducedFeatures.isReduced(feature) ? experiment -> { }
            : experiment -> onFeatures(feature, value, experiment, timestamp);
      }
      Optional<ExperimentIndex> experiment = experiments.find(experimentId);
      if (experiment.isEmpty()) {
        park(topic, partition, offset, key, value, firstSeenMs, experimentId);
        return;
      }
      Optional<String> problem = validation.apply(experiment.get());
      if (problem.isPresent()) {
        deadLetter(topic, partition, offset, key, value, timestamp, problem.get());
        return;
      }
      join.accept(experiment.get());
    } catch (RuntimeException bad) {
      deadLetter(topic, partition, offset, key, value, timestamp, String.valueOf(bad.getMessage()));
    }
  }

  private void onResponse(Response response, byte[] bytes, ExperimentIndex experiment, long timestamp) {
    String stimulusPrefix = Ids.join(response.getExperimentId(), response.getStimulusId()) + Ids.SEPARATOR;
    String responseKey = stimulusPrefix + Ids.join(response.getSubjectId(), response.getRoi(),
        String.valueOf(response.getRepetition()));
    if (responseStore.get(responseKey) != null) {
      return; // the same repetition again: stored once
    }
    responseStore.put(responseKey, bytes);
    Split split = experiment.split(response.getStimulusId()).orElseThrow();
    for (Features feature : valuesWithPrefix(featureStore, stimulusPrefix, features)) {
      emit(response, FeatureClaims.resolve(feature), split, timestamp);
    }
  }

  private void onFeatures(Features feature, byte[] bytes, ExperimentIndex experiment, long timestamp) {
    String stimulusPrefix = Ids.join(feature.getExperimentId(), feature.getStimulusId()) + Ids.SEPARATOR;
    String featureKey = stimulusPrefix + Ids.join(feature.getModel(), feature.getLayer());
    byte[] previous = featureStore.get(featureKey);
    if (previous != null && Arrays.equals(previous, bytes)) {
      return;
    }
    featureStore.put(featureKey, bytes);
    Split split = experiment.split(feature.getStimulusId()).orElseThrow();
    for (Response response : valuesWithPrefix(responseStore, stimulusPrefix, responses)) {
      emit(response, feature, split, timestamp);
    }
  }

  /** One sample per voxel block of the response's ROI, each keyed by its own cell. */
  private void emit(Response response, Features feature, Split split, long timestamp) {
    int voxels = response.getValues().getShape().get(0);
    int blockSize = settings.voxelBlockSize();
    for (int block = 0, offset = 0; offset < voxels; block++, offset += blockSize) {
      int end = Math.min(voxels, offset + blockSize);
      CellKey cell = new CellKey(response.getExperimentId(), response.getSubjectId(), feature.getModel(),
          feature.getLayer(), response.getRoi(), block);
      EncodingSample sample = EncodingSample.newBuilder()
          .setExperimentId(response.getExperimentId())
          .setSubjectId(response.getSubjectId())
          .setStimulusId(response.getStimulusId())
          .setRoi(response.getRoi())
          .setModel(feature.getModel())
          .setLayer(feature.getLayer())
          .setRepetition(response.getRepetition())
          .setSplit(split)
          .setFeatures(feature.getValues())
          .setResponse(offset == 0 && end == voxels ? response.getValues()
              : Tensors.slice(response.getValues(), offset, end))
          .setAttributes(feature.getAttributes())
          .setVoxelBlock(block)
          .setVoxelOffset(offset)
          .setRoiVoxels(voxels)
          .build();
      context.forward(new org.apache.kafka.streams.processor.api.Record<>(cell.toString(), sample, timestamp));
    }
  }

  private void park(String topic, int partition, long offset, String key, byte[] value, long firstSeenMs,
      String experimentId) {
    long now = context.currentSystemTimeMs();
    if (now - firstSeenMs > settings.unknownExperimentGrace().toMillis()) {
      deadLetter(topic, partition, offset, key, value, now,
          "unknown experiment '" + experimentId + "': not registered in topic " + Topics.EXPERIMENTS.name()
              + " within " + settings.unknownExperimentGrace().toSeconds() + " s");
      return;
    }
    byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    awaiting.put(AwaitingRecord.storeKey(topic, partition, offset),
        new AwaitingRecord(firstSeenMs, keyBytes, value).toBytes());
  }

  private void retryAwaiting(long now) {
    List<KeyValue<String, byte[]>> parked = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = awaiting.all()) {
      all.forEachRemaining(parked::add);
    }
    for (KeyValue<String, byte[]> entry : parked) {
      awaiting.delete(entry.key);
      String[] where = AwaitingRecord.parseStoreKey(entry.key);
      AwaitingRecord record = AwaitingRecord.fromBytes(entry.value);
      String key = record.key().length == 0 ? null : new String(record.key(), StandardCharsets.UTF_8);
      handle(where[0], Integer.parseInt(where[1]), Long.parseLong(where[2]), key, record.value(), now,
          record.firstSeenMs());
    }
  }

  private void deadLetter(String topic, int partition, long offset, String key, byte[] value, long timestamp,
      String reason) {
    context.forward(DeadLetterRecords.of(STAGE, reason, topic, partition, offset, key, value, timestamp));
  }

  private static <T extends org.apache.avro.specific.SpecificRecordBase> List<T> valuesWithPrefix(
      KeyValueStore<String, byte[]> store, String prefix, AvroSerde<T> serde) {
    List<T> values = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> matches = store.prefixScan(prefix, new StringSerializer())) {
      matches.forEachRemaining(entry -> values.add(serde.decode(entry.value)));
    }
    return values;
  }
}
