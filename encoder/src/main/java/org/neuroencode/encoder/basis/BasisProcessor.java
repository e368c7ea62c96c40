package org.neuroencode.encoder.basis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.schema.FeatureBasisRecord;
import org.neuroencode.core.schema.Features;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.StimulusSpec;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.core.topic.AvroSerde;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.core.validation.ExperimentIndex;
import org.neuroencode.core.validation.RecordValidation;
import org.neuroencode.encoder.DeadLetterRecords;
import org.neuroencode.encoder.EncoderSettings;
import org.neuroencode.encoder.StoreNames;
import org.neuroencode.encoder.join.ExperimentLookup;
import org.neuroencode.encoder.reduction.FeatureBasis;
import org.neuroencode.encoder.reduction.PcaFitter;
import org.neuroencode.encoder.reduction.PcaSettings;
import org.neuroencode.encoder.ridge.InsufficientDataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reducer: per (experiment, model, layer), keyed experimentId/model/layer, keeps the raw features until
 * every training stimulus of the experiment has them, then fits StandardScaler + PCA on the training rows
 * (in stimulus-id order, so the fit is deterministic), freezes the basis, publishes it (a
 * {@link FeatureBasisRecord} for the {@code bases} topic) and emits the reduced features of every stored
 * stimulus (a {@link Features} keyed experimentId/stimulusId, for the {@code features} topic). Later
 * features of that (model, layer), test stimuli or re-extractions alike, are projected on the frozen basis
 * at once: it is never refitted.
 *
 * <p>Records that fail validation against the experiment are dropped here without a dead letter, since the
 * join reports them; a projection that fails (a vector of another length than the basis's) is a dead letter.
 */
public final class BasisProcessor implements Processor<String, Features, String, Object> {
  static final String STAGE = "encoder-reducer";
  private static final int DECODED_BASES = 8;
  private static final Logger LOG = LoggerFactory.getLogger(BasisProcessor.class);
  private final EncoderSettings settings;
  private final AvroSerde<Features> featureSerde = (AvroSerde<Features>) Topics.FEATURES.valueSerde();
  private final AvroSerde<FeatureBasisRecord> basisSerde = (AvroSerde<FeatureBasisRecord>) Topics.BASES.valueSerde();
  /** Basis versions by experimentId/model/layer: a basis never changes once stored, so this never goes stale. */
  private final Map<String, String> versions = new HashMap<>();
  /** The most recently used decoded bases by version (each is k×p doubles, so only a few are kept). */
  private final Map<String, FeatureBasis> decodedBases = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, FeatureBasis> eldest) {
      return size() > DECODED_BASES;
    }
  };
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, byte[]> training;
  private KeyValueStore<String, byte[]> counts;
  private KeyValueStore<String, byte[]> waiting;
  private KeyValueStore<String, byte[]> bases;
  private ExperimentLookup experiments;

  public BasisProcessor(EncoderSettings settings) {
    if (!settings.pcaEnabled()) {
      throw new IllegalArgumentException("the reducer needs at least one PCA component");
    }
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.training = context.getStateStore(StoreNames.REDUCER_TRAINING);
    this.counts = context.getStateStore(StoreNames.REDUCER_COUNTS);
    this.waiting = context.getStateStore(StoreNames.REDUCER_WAITING);
    this.bases = context.getStateStore(StoreNames.REDUCER_BASES);
    this.experiments = new ExperimentLookup(context.getStateStore(StoreNames.EXPERIMENTS));
    long retryMs = Math.max(200, Math.min(1000, settings.unknownExperimentGrace().toMillis() / 4));
    context.schedule(Duration.ofMillis(retryMs), PunctuationType.WALL_CLOCK_TIME, this::retryWaiting);
  }

  @Override
  public void process(Record<String, Features> record) {
    if (record.value() == null) {
      return;
    }
    handle(record.value(), context.currentSystemTimeMs(), record.timestamp());
  }

  private void handle(Features feature, long firstSeenMs, long timestamp) {
    String group = ReducedFeatures.groupKey(feature);
    String stimulusKey = group + Ids.SEPARATOR + feature.getStimulusId();
    Optional<ExperimentIndex> experiment = experiments.find(feature.getExperimentId());
    if (experiment.isEmpty()) {
      // the join parks the same record and dead-letters it after the grace; here it is only dropped
      if (context.currentSystemTimeMs() - firstSeenMs <= settings.unknownExperimentGrace().toMillis()) {
        waiting.put(stimulusKey, new PendingFeature(firstSeenMs, featureSerde.encode(feature)).toBytes());
      }
      return;
    }
    if (RecordValidation.problemWith(feature, experiment.get()).isPresent()) {
      return; // the join dead-letters it
    }
    Optional<FeatureBasis> basis = storedBasis(group);
    if (basis.isPresent()) {
      emitReduced(feature, basis.get(), timestamp);
      return;
    }
    if (experiment.get().split(feature.getStimulusId()).orElseThrow() == Split.TEST) {
      waiting.put(stimulusKey, new PendingFeature(firstSeenMs, featureSerde.encode(feature)).toBytes());
      return;
    }
    if (training.get(stimulusKey) == null) {
      counts.put(group, intBytes(count(group) + 1));
    }
    training.put(stimulusKey, featureSerde.encode(feature));
    if (count(group) >= trainingStimuli(experiment.get()).size()) {
      fit(group, feature, experiment.get(), timestamp);
    }
  }

  /** Fits, stores and publishes the basis once every training stimulus has features; then flushes the stored ones. */
  private void fit(String group, Features any, ExperimentIndex experiment, long timestamp) {
    List<String> stimuli = trainingStimuli(experiment);
    double[][] rows = new double[stimuli.size()][];
    for (int i = 0; i < rows.length; i++) {
      byte[] bytes = training.get(group + Ids.SEPARATOR + stimuli.get(i));
      if (bytes == null) {
        return; // the count included stimuli the registry no longer lists as training ones
      }
      rows[i] = Tensors.toDoubles(featureSerde.decode(bytes).getValues());
    }
    FeatureBasis basis;
    try {
      basis = new PcaFitter(PcaSettings.defaults().withComponents(settings.pcaComponents())).fit(rows);
    } catch (IllegalArgumentException | InsufficientDataException unfittable) {
      // ragged rows (a re-extraction changed the length), or nothing to fit: wait for new features
      LOG.warn("cannot fit the basis of {} on {} training stimuli: {}", group, rows.length, unfittable.getMessage());
      return;
    }
    FeatureBasisRecord record = FeatureBasisRecord.newBuilder()
        .setExperimentId(any.getExperimentId())
        .setModel(any.getModel())
        .setLayer(any.getLayer())
        .setVersion(basis.version())
        .setComponents(basis.components())
        .setExplainedVarianceRatio(Tensors.ofDoubles(basis.explainedVarianceRatio(), basis.components()))
        .setBasis(java.nio.ByteBuffer.wrap(basis.toBytes()))
        .setTrainStimuli(rows.length)
        .setCreatedAtMs(context.currentSystemTimeMs())
        .build();
    bases.put(group, basisSerde.encode(record));
    versions.put(group, basis.version());
    decodedBases.put(basis.version(), basis);
    counts.delete(group);
    LOG.info("froze basis {} of {} on {} training stimuli", basis.version(), group, rows.length);
    context.forward(new Record<>(group, record, timestamp));

    for (KeyValue<String, byte[]> entry : withPrefix(training, group + Ids.SEPARATOR)) {
      training.delete(entry.key);
      emitReduced(featureSerde.decode(entry.value), basis, timestamp);
    }
    for (KeyValue<String, byte[]> entry : withPrefix(waiting, group + Ids.SEPARATOR)) {
      waiting.delete(entry.key);
      Features waited = featureSerde.decode(PendingFeature.fromBytes(entry.value).features());
      // parked while the experiment was unknown, it may not have been validated yet
      if (RecordValidation.problemWith(waited, experiment).isEmpty()) {
        emitReduced(waited, basis, timestamp);
      }
    }
  }

  private void emitReduced(Features raw, FeatureBasis basis, long timestamp) {
    String key = Ids.stimulusKey(raw.getExperimentId(), raw.getStimulusId());
    Features reduced;
    try {
      reduced = ReducedFeatures.reduce(raw, basis);
    } catch (IllegalArgumentException bad) {
      context.forward(DeadLetterRecords.of(STAGE, "features " + raw.getModel() + "/" + raw.getLayer() + " of "
              + raw.getStimulusId() + " cannot be projected on basis " + basis.version() + ": " + bad.getMessage(),
          Topics.FEATURES.name(), -1, -1L, key, featureSerde.encode(raw), timestamp));
      return;
    }
    context.forward(new Record<>(key, reduced, timestamp));
  }

  /** Retries the features whose experiment was not registered, and drops those past the grace. */
  private void retryWaiting(long now) {
    List<KeyValue<String, byte[]>> due = new ArrayList<>();
    for (KeyValue<String, byte[]> entry : withPrefix(waiting, "")) {
      String[] parts = Ids.split(entry.key);
      Optional<ExperimentIndex> experiment = experiments.find(parts[0]);
      if (experiment.isPresent()) {
        boolean waitsForBasis = experiment.get().split(parts[3]).orElse(Split.TRAIN) == Split.TEST
            && !hasBasis(Ids.join(parts[0], parts[1], parts[2]));
        if (!waitsForBasis) {
          due.add(entry);
        }
      } else if (now - PendingFeature.fromBytes(entry.value).firstSeenMs() > settings.unknownExperimentGrace().toMillis()) {
        due.add(entry); // handled below: dropped, as the join dead-letters it
      }
    }
    for (KeyValue<String, byte[]> entry : due) {
      waiting.delete(entry.key);
      PendingFeature pending = PendingFeature.fromBytes(entry.value);
      handle(featureSerde.decode(pending.features()), pending.firstSeenMs(), now);
    }
  }

  private boolean hasBasis(String group) {
    return versions.containsKey(group) || bases.get(group) != null;
  }

  /** The frozen basis of a group, decoded from the store unless it is among the recently used ones. */
  private Optional<FeatureBasis> storedBasis(String group) {
    String version = versions.get(group);
    FeatureBasis cached = version == null ? null : decodedBases.get(version);
    if (cached != null) {
      return Optional.of(cached);
    }
    byte[] bytes = bases.get(group);
    if (bytes == null) {
      return Optional.empty();
    }
    FeatureBasisRecord record = basisSerde.decode(bytes);
    java.nio.ByteBuffer buffer = record.getBasis().duplicate();
    byte[] basisBytes = new byte[buffer.remaining()];
    buffer.get(basisBytes);
    FeatureBasis basis = FeatureBasis.fromBytes(basisBytes);
    versions.put(group, basis.version());
    decodedBases.put(basis.version(), basis);
    return Optional.of(basis);
  }

  private int count(String group) {
    byte[] bytes = counts.get(group);
    return bytes == null ? 0 : java.nio.ByteBuffer.wrap(bytes).getInt();
  }

  private static byte[] intBytes(int value) {
    return java.nio.ByteBuffer.allocate(4).putInt(value).array();
  }

  /** The experiment's training stimuli in id order: the rows of the fit. */
  private static List<String> trainingStimuli(ExperimentIndex experiment) {
    List<String> ids = new ArrayList<>();
    for (StimulusSpec stimulus : experiment.experiment().getStimuli()) {
      if (stimulus.getSplit() == Split.TRAIN) {
        ids.add(stimulus.getStimulusId());
      }
    }
    ids.sort(null);
    return ids;
  }

  private static List<KeyValue<String, byte[]>> withPrefix(KeyValueStore<String, byte[]> store, String prefix) {
    List<KeyValue<String, byte[]>> entries = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> matches = prefix.isEmpty() ? store.all()
        : store.prefixScan(prefix, new StringSerializer())) {
      matches.forEachRemaining(entries::add);
    }
    return entries;
  }
}
