package org.neuroencode.evaluator;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.neuroencode.core.deadletter.DeadLetters;
import org.neuroencode.core.schema.DeadLetter;
import org.neuroencode.core.schema.ModelSnapshot;
import org.neuroencode.core.schema.Score;
import org.neuroencode.core.topic.AvroSerde;
import org.neuroencode.core.topic.Topics;

/** The evaluator: every model snapshot becomes a per-ROI score; an undecodable snapshot a dead letter. */
public final class EvaluatorTopology {
  static final String STAGE = "evaluator";

  private EvaluatorTopology() {}

  public static Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    Map<String, KStream<String, Object>> outputs = builder
        .stream(Topics.MODELS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .process(ScoreProcessor::new, Named.as("score"))
        .split(Named.as("evaluator-"))
        .branch((key, value) -> value instanceof Score, Branched.as("scores"))
        .defaultBranch(Branched.as("dead-letters"));
    outputs.get("evaluator-scores").mapValues(value -> (Score) value)
        .to(Topics.SCORES.name(), Produced.with(Topics.SCORES.keySerde(), Topics.SCORES.valueSerde()));
    outputs.get("evaluator-dead-letters").mapValues(value -> (DeadLetter) value)
        .to(Topics.DEAD_LETTERS.name(), Produced.with(Topics.DEAD_LETTERS.keySerde(), Topics.DEAD_LETTERS.valueSerde()));
    return builder.build();
  }

  private static final class ScoreProcessor implements Processor<String, byte[], String, Object> {
    private final AvroSerde<ModelSnapshot> models = (AvroSerde<ModelSnapshot>) Topics.MODELS.valueSerde();
    private ProcessorContext<String, Object> context;

    @Override
    public void init(ProcessorContext<String, Object> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
      if (record.value() == null) {
        return; // a tombstone retracts a model; its score stays until compaction policy says otherwise
      }
      try {
        ModelSnapshot snapshot = models.decode(record.value());
        Score score = ScoreCalculator.score(snapshot);
        context.forward(record.withKey(ScoreCalculator.scoreKey(snapshot, score.getVariant())).withValue(score));
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
}
