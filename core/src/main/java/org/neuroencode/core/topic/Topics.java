package org.neuroencode.core.topic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.neuroencode.core.schema.Connectivity;
import org.neuroencode.core.schema.DeadLetter;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.schema.FeatureBasisRecord;
import org.neuroencode.core.schema.Features;
import org.neuroencode.core.schema.ModelSnapshot;
import org.neuroencode.core.schema.Prediction;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.ScanRecord;
import org.neuroencode.core.schema.Score;
import org.neuroencode.core.schema.Stimulus;

/** The typed registry of every topic: the one place where names, serdes and settings live. */
public final class Topics {
  /** Large enough for a model snapshot of 1000 features × 2000 voxels in float64; see docs/ARCHITECTURE.md. */
  public static final int LARGE_MESSAGE_BYTES = 32 * 1024 * 1024;
  public static final int DEFAULT_PARTITIONS = 4;
  private static final Serde<String> KEYS = Serdes.String();

  public static final Topic<String, Experiment> EXPERIMENTS = compacted("experiments", Experiment.class, 1,
      "experimentId", "ingest (synthetic, dataset readers, experiments create)", "encoder (validation), app",
      "Each experiment's subjects, ROIs with voxel counts, stimulus set and train/test split.");

  public static final Topic<String, Stimulus> STIMULI = retained("stimuli", Stimulus.class,
      "experimentId/stimulusId", "ingest", "extractor",
      "Stimulus videos: inline mp4 bytes, or a URI with its sha256 for large files.");

  public static final Topic<String, Response> RESPONSES = retained("responses", Response.class,
      "experimentId/stimulusId", "ingest, serve", "encoder",
      "One record per (experiment, subject, stimulus, ROI, repetition); values keep the source dtype.");

  public static final Topic<String, ScanRecord> SCANS = retained("scans", ScanRecord.class,
      "experimentId/subjectId/run", "serve (volumes and run events posted over HTTP)", "serve (replayed on start)",
      "Live scanner runs as received: each run's events, then its volumes one TR at a time; the responses derived "
          + "from them go to responses.");

  public static final Topic<String, Features> FEATURES = retained("features", Features.class,
      "experimentId/stimulusId", "extractor, ingest features", "encoder",
      "One record per (stimulus, model, layer): the layer's feature vector with the model's catalogue attributes.");

  public static final Topic<String, FeatureBasisRecord> BASES = compacted("bases", FeatureBasisRecord.class,
      DEFAULT_PARTITIONS, "experimentId/model/layer", "encoder (reducer)", "users, replays",
      "The frozen StandardScaler + PCA basis of each (model, layer), fitted on the training stimuli only; "
          + "reduced features name it in their layer (<layer>.<version>).");

  public static final Topic<String, ModelSnapshot> MODELS = compacted("models", ModelSnapshot.class, DEFAULT_PARTITIONS,
      "experimentId/subjectId/model/layer/roi/voxelBlock", "encoder", "evaluator",
      "The latest solved ridge model of each cell, with its out-of-fold and test moments.");

  public static final Topic<String, Prediction> PREDICTIONS = retained("predictions", Prediction.class,
      "experimentId/subjectId/model/layer/roi/voxelBlock/stimulusId", "encoder", "users (export)",
      "Test-split predictions of the latest model of each cell.");

  public static final Topic<String, Score> SCORES = compacted("scores", Score.class, DEFAULT_PARTITIONS,
      "experimentId/subjectId/model/layer/roi/variant", "evaluator", "app, users",
      "Per-ROI scores (mean and median Pearson r) with the per-voxel r as a tensor.");

  public static final Topic<String, Connectivity> CONNECTIVITY = compacted("connectivity", Connectivity.class,
      DEFAULT_PARTITIONS, "experimentId/subjectId/model/layer", "encoder (stage 2)", "app, users",
      "Directional ROI x ROI connectivity: stage-2 weights and unique contributions (rows are targets).");

  public static final Topic<String, DeadLetter> DEAD_LETTERS = retained("dead-letters", DeadLetter.class,
      "the failed record's own key", "every stage", "operators",
      "Records that could not be decoded or failed validation, whole, with the reason; headers "
          + DeadLetterHeaders.REASON + ", " + DeadLetterHeaders.SOURCE_TOPIC + ", "
          + DeadLetterHeaders.SOURCE_PARTITION + ", " + DeadLetterHeaders.SOURCE_OFFSET + ".");


  private static final List<Topic<String, ?>> ALL = List.of(EXPERIMENTS, STIMULI, RESPONSES, SCANS, FEATURES, BASES,
      MODELS, PREDICTIONS, SCORES, CONNECTIVITY, DEAD_LETTERS);

  private Topics() {}

  public static List<Topic<String, ?>> all() {
    return ALL;
  }

  public static Optional<Topic<String, ?>> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  private static <V extends SpecificRecordBase> Topic<String, V> retained(String name, Class<V> type,
      String keyFormat, String writers, String readers, String description) {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put("cleanup.policy", "delete");
    configs.put("retention.ms", "-1");
    configs.put("max.message.bytes", String.valueOf(LARGE_MESSAGE_BYTES));
    return new Topic<>(name, KEYS, new AvroSerde<>(type), DEFAULT_PARTITIONS, Map.copyOf(configs), keyFormat,
        writers, readers, description);
  }

  private static <V extends SpecificRecordBase> Topic<String, V> compacted(String name, Class<V> type,
      int partitions, String keyFormat, String writers, String readers, String description) {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put("cleanup.policy", "compact");
    configs.put("max.message.bytes", String.valueOf(LARGE_MESSAGE_BYTES));
    return new Topic<>(name, KEYS, new AvroSerde<>(type), partitions, Map.copyOf(configs), keyFormat,
        writers, readers, description);
  }
}
