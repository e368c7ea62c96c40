package org.neuroencode.encoder;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.neuroencode.core.schema.DeadLetter;
import org.neuroencode.core.schema.EncodingSample;
import org.neuroencode.core.schema.FeatureBasisRecord;
import org.neuroencode.core.schema.Features;
import org.neuroencode.core.schema.ModelSnapshot;
import org.neuroencode.core.schema.Prediction;
import org.neuroencode.core.schema.Score;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.topic.AvroSerde;
import org.neuroencode.core.topic.Topic;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.encoder.basis.BasisProcessor;
import org.neuroencode.encoder.basis.ReducerInput;
import org.neuroencode.encoder.cell.CellProcessor;
import org.neuroencode.encoder.connectivity.ConnectivityProcessor;
import org.neuroencode.encoder.join.JoinProcessor;

/**
 * The encoder: responses and features (co-partitioned on experimentId/stimulusId) are joined per
 * stimulus, re-keyed by cell through a repartition topic, and folded into per-cell ridge state.
 */
public final class EncoderTopology {
  private EncoderTopology() {}

  public static Topology build(EncoderSettings settings) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addGlobalStore(
        bytesStore(StoreNames.EXPERIMENTS).withLoggingDisabled(),
        Topics.EXPERIMENTS.name(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()),
        () -> new StoreUpdater(StoreNames.EXPERIMENTS));
    for (String store : List.of(StoreNames.JOIN_FEATURES, StoreNames.JOIN_RESPONSES, StoreNames.AWAITING_EXPERIMENT,
        StoreNames.CELL_STIMULI, StoreNames.CELL_FOLDS, StoreNames.CELL_META, StoreNames.CELL_DIRTY)) {
      builder.addStateStore(bytesStore(store));
    }

    KStream<String, byte[]> inputs = builder.stream(List.of(Topics.RESPONSES.name(), Topics.FEATURES.name()),
        Consumed.with(Serdes.String(), Serdes.ByteArray()));
    Map<String, KStream<String, Object>> joined = inputs
        .process(() -> new JoinProcessor(settings), Named.as("join"),
            StoreNames.JOIN_FEATURES, StoreNames.JOIN_RESPONSES, StoreNames.AWAITING_EXPERIMENT)
        .split(Named.as("join-"))
        .branch((key, value) -> value instanceof DeadLetter, Branched.as("dead-letters"))
        .defaultBranch(Branched.as("samples"));
    sendTo(joined.get("join-dead-letters"), Topics.DEAD_LETTERS);
    if (settings.pcaEnabled()) {
      addReducer(builder, inputs, settings);
    }
    if (settings.connectivity().enabled()) {
      addConnectivity(builder, joined.get("join-samples"), settings);
    }

    Map<String, KStream<String, Object>> outputs = joined.get("join-samples")
        .mapValues(value -> (EncodingSample) value)
        .repartition(Repartitioned.with(Serdes.String(), new AvroSerde<>(EncodingSample.class))
            .withName("encoding-samples"))
        .process(() -> new CellProcessor(settings), Named.as("cells"),
            StoreNames.CELL_STIMULI, StoreNames.CELL_FOLDS, StoreNames.CELL_META, StoreNames.CELL_DIRTY)
        .split(Named.as("cell-"))
        .branch((key, value) -> value instanceof ModelSnapshot, Branched.as("models"))
        .branch((key, value) -> value instanceof Prediction, Branched.as("predictions"))
        .defaultBranch(Branched.as("dead-letters"));
    sendTo(outputs.get("cell-models"), Topics.MODELS);
    sendTo(outputs.get("cell-predictions"), Topics.PREDICTIONS);
    sendTo(outputs.get("cell-dead-letters"), Topics.DEAD_LETTERS);
    return builder.build();
  }

  /**
   * The reducer: raw features, re-keyed by experimentId/model/layer, fit a frozen StandardScaler + PCA basis
   * per (model, layer) on the training stimuli; the basis goes to {@code bases}, and the reduced features go
   * back to {@code features} as layer {@code <layer>.<version>}, where the join picks them up (it ignores raw
   * features while PCA is on).
   */
  private static void addReducer(StreamsBuilder builder, KStream<String, byte[]> inputs, EncoderSettings settings) {
    for (String store : List.of(StoreNames.REDUCER_TRAINING, StoreNames.REDUCER_COUNTS, StoreNames.REDUCER_WAITING,
        StoreNames.REDUCER_BASES)) {
      builder.addStateStore(bytesStore(store));
    }
    Map<String, KStream<String, Object>> reduced = inputs
        .process(ReducerInput::new, Named.as("reducer-input"))
        .repartition(Repartitioned.with(Serdes.String(), Topics.FEATURES.valueSerde()).withName("reducer-features"))
        .process(() -> new BasisProcessor(settings), Named.as("reducer"),
            StoreNames.REDUCER_TRAINING, StoreNames.REDUCER_COUNTS, StoreNames.REDUCER_WAITING, StoreNames.REDUCER_BASES)
        .split(Named.as("reducer-out-"))
        .branch((key, value) -> value instanceof FeatureBasisRecord, Branched.as("bases"))
        .branch((key, value) -> value instanceof Features, Branched.as("features"))
        .defaultBranch(Branched.as("dead-letters"));
    sendTo(reduced.get("reducer-out-bases"), Topics.BASES);
    sendTo(reduced.get("reducer-out-features"), Topics.FEATURES);
    sendTo(reduced.get("reducer-out-dead-letters"), Topics.DEAD_LETTERS);
  }

  /**
   * Stage 2 and layer fusion: the joined samples, re-keyed by experimentId/subjectId/model so that every ROI and
   * layer of a subject's model meets in one task, are refitted together (see ConnectivityProcessor).
   */
  private static void addConnectivity(StreamsBuilder builder, KStream<String, Object> samples, EncoderSettings settings) {
    for (String store : List.of(StoreNames.CONNECTIVITY_ROWS, StoreNames.CONNECTIVITY_PENDING)) {
      builder.addStateStore(bytesStore(store));
    }
    Map<String, KStream<String, Object>> outputs = samples
        .mapValues(value -> (EncodingSample) value)
        .selectKey((key, sample) -> Ids.join(sample.getExperimentId(), sample.getSubjectId(), sample.getModel()),
            Named.as("by-model"))
        .repartition(Repartitioned.with(Serdes.String(), new AvroSerde<>(EncodingSample.class)).withName("model-samples"))
        .process(() -> new ConnectivityProcessor(settings), Named.as("connectivity"),
            StoreNames.CONNECTIVITY_ROWS, StoreNames.CONNECTIVITY_PENDING)
        .split(Named.as("connectivity-"))
        .branch((key, value) -> value instanceof Score, Branched.as("scores"))
        .defaultBranch(Branched.as("matrices"));
    sendTo(outputs.get("connectivity-scores"), Topics.SCORES);
    sendTo(outputs.get("connectivity-matrices"), Topics.CONNECTIVITY);
  }

  @SuppressWarnings("unchecked")
  private static <V> void sendTo(KStream<String, Object> stream, Topic<String, V> topic) {
    stream.mapValues(value -> (V) value).to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()));
  }

  private static StoreBuilder<KeyValueStore<String, byte[]>> bytesStore(String name) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray());
  }

  /** Keeps the global copy of a topic; a tombstone removes the entry. */
  private static final class StoreUpdater implements Processor<String, byte[], Void, Void> {
    private final String storeName;
    private KeyValueStore<String, byte[]> store;

    StoreUpdater(String storeName) {
      this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(storeName);
    }

    @Override
    public void process(org.apache.kafka.streams.processor.api.Record<String, byte[]> record) {
      if (record.value() == null) {
        store.delete(record.key());
      } else {
        store.put(record.key(), record.value());
      }
    }
  }
}
