package org.neuroencode.evaluator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.neuroencode.core.deadletter.DeadLetters;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.schema.DeadLetter;
import org.neuroencode.core.schema.ModelSnapshot;
import org.neuroencode.core.schema.Score;
import org.neuroencode.core.topic.AvroSerde;
import org.neuroencode.core.topic.Topics;

/**
 * The evaluator: model snapshots are decoded (undecodable ones become dead letters), gathered per ROI
 * (a large ROI is encoded as several voxel blocks), and every ROI whose blocks are all in becomes a score.
 */
public final class EvaluatorTopology {
  static final String STAGE = "evaluator";
  /** The latest snapshot of every voxel block, by roiKey/block. */
  static final String BLOCKS_STORE = "evaluator-roi-blocks";
  private static final AvroSerde<ModelSnapshot> MODELS = (AvroSerde<ModelSnapshot>) Topics.MODELS.valueSerde();

  private EvaluatorTopology() {}

  public static Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BLOCKS_STORE), Serdes.String(),
        Serdes.ByteArray()));
    Map<String, KStream<String, Object>> decoded = builder
        .stream(Topics.MODELS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .process(DecodeProcessor::new, Named.as("decode"))
        .split(Named.as("decoded-"))
        .branch((key, value) -> value instanceof DeadLetter, Branched.as("dead-letters"))
        .defaultBranch(Branched.as("snapshots"));
    deadLetters(decoded.get("decoded-dead-letters"));
    KStream<String, Object> scores = decoded.get("decoded-snapshots")
        .mapValues(value -> (ModelSnapshot) value)
        .repartition(Repartitioned.with(Serdes.String(), MODELS).withName("roi-blocks"))
        .process(BlockScoreProcessor::new, Named.as("score"), BLOCKS_STORE);
    scores.mapValues(value -> (Score) value)
        .to(Topics.SCORES.name(), Produced.with(Topics.SCORES.keySerde(), Topics.SCORES.valueSerde()));
    return builder.build();
  }

  private static void deadLetters(KStream<String, Object> letters) {
    letters.mapValues(value -> (DeadLetter) value)
        .to(Topics.DEAD_LETTERS.name(), Produced.with(Topics.DEAD_LETTERS.keySerde(), Topics.DEAD_LETTERS.valueSerde()));
  }

  /** Decodes snapshots and re-keys them by ROI, so that all blocks of a ROI meet in one task. */
  private static final class DecodeProcessor implements Processor<String, byte[], String, Object> {
    private ProcessorContext<String, Object> context;

    @Override
    public void init(ProcessorContext<String, Object> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
      if (record.value() == null) {
        return; // a tombstone retracts a model; its score stays until compaction removes it
      }
      try {
        ModelSnapshot snapshot = MODELS.decode(record.value());
        String roiKey = Ids.join(snapshot.getExperimentId(), snapshot.getSubjectId(), snapshot.getModel(),
            snapshot.getLayer(), snapshot.getRoi());
        context.forward(record.withKey(roiKey).withValue(snapshot));
      } catch (RuntimeException bad) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        DeadLetter letter = DeadLetters.of(STAGE, String.valueOf(bad.getMessage()), source.topic(),
            source.partition(), source.offset(),
            record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), record.value());
        Record<String, Object> out = new Record<>(record.key(), letter, record.timestamp());
        DeadLetters.addTo(out.headers(), letter);
        context.forward(out);
      }
    }
  }

  /** Keeps each block's latest snapshot and scores the ROI once every block has one. */
  private static final class BlockScoreProcessor implements Processor<String, ModelSnapshot, String, Object> {
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> blocks;

    @Override
    public void init(ProcessorContext<String, Object> context) {
      this.context = context;
      this.blocks = context.getStateStore(BLOCKS_STORE);
    }

    @Override
    public void process(Record<String, ModelSnapshot> record) {
      ModelSnapshot snapshot = record.value();
      List<ModelSnapshot> all = new ArrayList<>();
      if (snapshot.getVoxelBlocks() <= 1) {
        all.add(snapshot);
      } else {
        blocks.put(Ids.join(record.key(), String.valueOf(snapshot.getVoxelBlock())), MODELS.encode(snapshot));
        for (int block = 0; block < snapshot.getVoxelBlocks(); block++) {
          byte[] bytes = blocks.get(Ids.join(record.key(), String.valueOf(block)));
          if (bytes == null) {
            return; // scored once every block of the ROI has been solved
          }
          all.add(MODELS.decode(bytes));
        }
      }
      Score score = ScoreCalculator.score(all);
      context.forward(record.withKey(Ids.join(record.key(), score.getVariant())).withValue(score));
    }
  }
}
