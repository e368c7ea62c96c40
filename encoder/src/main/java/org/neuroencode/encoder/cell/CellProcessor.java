package org.neuroencode.encoder.cell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.neuroencode.core.ids.CellKey;
import org.neuroencode.core.ids.Folds;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.math.PairedMoments;
import org.neuroencode.core.schema.DeadLetter;
import org.neuroencode.core.schema.EncodingSample;
import org.neuroencode.core.schema.ModelSnapshot;
import org.neuroencode.core.schema.Prediction;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.encoder.DeadLetterRecords;
import org.neuroencode.encoder.EncoderSettings;
import org.neuroencode.encoder.StoreNames;
import org.neuroencode.encoder.ridge.InsufficientDataException;
import org.neuroencode.encoder.ridge.NestedRidgeCv;
import org.neuroencode.encoder.ridge.RidgeSolution;
import org.neuroencode.encoder.ridge.SufficientStats;

/**
 * Keeps each cell's per-stimulus state and per-fold sufficient statistics, and re-solves cells whose
 * data changed on a wall-clock punctuation. Everything lives in changelogged stores, so no buffer ever
 * holds data whose input offsets are committed. Emits {@link ModelSnapshot}s, {@link Prediction}s for
 * the test split, and {@link DeadLetter}s.
 */
public final class CellProcessor implements Processor<String, EncodingSample, String, Object> {
  static final String STAGE = "encoder-cell";
  /** Streams' exactly-once transactions time out after 10 s by default. */
  private static final Duration SOLVE_BUDGET = Duration.ofSeconds(3);
  private static final org.neuroencode.core.topic.AvroSerde<EncodingSample> SAMPLES =
      new org.neuroencode.core.topic.AvroSerde<>(EncodingSample.class);
  private final EncoderSettings settings;
  private final NestedRidgeCv solver;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, byte[]> stimuli;
  private KeyValueStore<String, byte[]> folds;
  private KeyValueStore<String, byte[]> meta;
  private KeyValueStore<String, byte[]> dirty;
  /** Where the last punctuation stopped; only fairness depends on it, so it needs no store. */
  private String resumeAfter;

  public CellProcessor(EncoderSettings settings) {
    this.settings = settings;
    this.solver = new NestedRidgeCv(settings.ridge());
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.stimuli = context.getStateStore(StoreNames.CELL_STIMULI);
    this.folds = context.getStateStore(StoreNames.CELL_FOLDS);
    this.meta = context.getStateStore(StoreNames.CELL_META);
    this.dirty = context.getStateStore(StoreNames.CELL_DIRTY);
    context.schedule(settings.solveInterval(), PunctuationType.WALL_CLOCK_TIME, now -> solveDirtyCells());
  }

  @Override
  public void process(org.apache.kafka.streams.processor.api.Record<String, EncodingSample> record) {
    EncodingSample sample = record.value();
    CellKey cell = CellKey.parse(record.key());
    double[] x = Tensors.toDoubles(sample.getFeatures());
    double[] y = Tensors.toDoubles(sample.getResponse());
    byte[] metaBytes = meta.get(cell.toString());
    CellMeta cellMeta = metaBytes == null
        ? new CellMeta(x.length, y.length, sample.getVoxelOffset(), Math.max(sample.getRoiVoxels(), y.length),
            sample.getResponse().getDtype().toString(), 0,
            new LinkedHashMap<>(sample.getAttributes()))
        : CellMeta.fromBytes(metaBytes);
    if (x.length != cellMeta.features() || y.length != cellMeta.voxels()) {
      deadLetter(record, "cell " + cell + " has " + cellMeta.features() + " features and " + cellMeta.voxels()
          + " voxels, but stimulus " + sample.getStimulusId() + " brings " + x.length + " and " + y.length);
      return;
    }
    String stimulusKey = cell.child(sample.getStimulusId());
    byte[] stateBytes = stimuli.get(stimulusKey);
    StimulusState state = stateBytes == null ? new StimulusState(sample.getSplit(), x, y.length)
        : StimulusState.fromBytes(stateBytes);
    boolean newRepetition = !state.hasRepetition(sample.getRepetition());
    boolean newFeatures = !state.sameFeatures(x);
    if (!newRepetition && !newFeatures) {
      return;
    }
    if (newFeatures) {
      state.features = x;
    }
    if (newRepetition) {
      state.addRepetition(sample.getRepetition(), y);
      cellMeta = cellMeta.withOneMoreResponse();
    }
    stimuli.put(stimulusKey, state.toBytes());
    meta.put(cell.toString(), cellMeta.toBytes());
    dirty.put(stimulusKey, new byte[0]);
  }

  /**
   * Folds pending changes into the statistics and re-solves each changed cell once, within a time
   * budget per punctuation: the work runs inside the task's transaction, which must commit well before
   * its timeout. Cells left over go first next time, so none starves.
   */
  void solveDirtyCells() {
    Map<String, List<String>> changedByCell = new java.util.TreeMap<>();
    try (KeyValueIterator<String, byte[]> all = dirty.all()) {
      while (all.hasNext()) {
        String stimulusKey = all.next().key;
        String cell = stimulusKey.substring(0, stimulusKey.lastIndexOf(Ids.SEPARATOR));
        changedByCell.computeIfAbsent(cell, c -> new ArrayList<>()).add(stimulusKey);
      }
    }
    List<String> order = new ArrayList<>(changedByCell.keySet());
    int start = 0;
    while (start < order.size() && resumeAfter != null && order.get(start).compareTo(resumeAfter) <= 0) {
      start++;
    }
    java.util.Collections.rotate(order, -start);
    long deadline = System.nanoTime() + SOLVE_BUDGET.toNanos();
    for (String cell : order) {
      refreshCell(cell, changedByCell.get(cell));
      resumeAfter = cell;
      if (System.nanoTime() > deadline) {
        return;
      }
    }
  }

  private void refreshCell(String cellKey, List<String> changedStimuli) {
    CellKey cell = CellKey.parse(cellKey);
    CellMeta cellMeta = CellMeta.fromBytes(meta.get(cellKey));
    SufficientStats[] stats = loadFolds(cellKey, cellMeta);
    for (String stimulusKey : changedStimuli) {
      StimulusState state = StimulusState.fromBytes(stimuli.get(stimulusKey));
      if (state.split == Split.TRAIN) {
        String stimulusId = stimulusKey.substring(stimulusKey.lastIndexOf(Ids.SEPARATOR) + 1);
        SufficientStats fold = stats[Folds.of(stimulusId, settings.folds())];
        if (state.isApplied()) {
          fold.remove(state.appliedFeatures, state.appliedMean);
        }
        double[] mean = state.meanResponse();
        fold.add(state.features, mean);
        state.appliedFeatures = state.features;
        state.appliedMean = mean;
        stimuli.put(stimulusKey, state.toBytes());
      }
      dirty.delete(stimulusKey);
    }
    for (int f = 0; f < stats.length; f++) {
      folds.put(foldKey(cellKey, f), stats[f].toBytes());
    }
    RidgeSolution solution;
    try {
      solution = solver.solve(stats);
    } catch (InsufficientDataException notYet) {
      return;
    }
    if (solution.oof().isEmpty()) {
      return; // too few folds hold data for a nested score yet
    }
    publish(cell, cellMeta, stats, solution);
  }

  private void publish(CellKey cell, CellMeta cellMeta, SufficientStats[] stats, RidgeSolution solution) {
    long now = System.currentTimeMillis();
    String basis = basisVersion(cellMeta);
    PairedMoments test = new PairedMoments(cellMeta.voxels());
    List<KeyValue<String, StimulusState>> testStimuli = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = stimuli.prefixScan(cell + Ids.SEPARATOR, new StringSerializer())) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> entry = all.next();
        StimulusState state = StimulusState.fromBytes(entry.value);
        if (state.split == Split.TEST) {
          testStimuli.add(KeyValue.pair(entry.key, state));
        }
      }
    }
    var responseDtype = org.neuroencode.core.schema.DType.valueOf(cellMeta.responseDtype());
    for (KeyValue<String, StimulusState> entry : testStimuli) {
      double[] predicted = solution.predict(entry.value.features);
      test.add(predicted, entry.value.meanResponse());
      String stimulusId = entry.key.substring(entry.key.lastIndexOf(Ids.SEPARATOR) + 1);
      Prediction prediction = Prediction.newBuilder()
          .setRunId(settings.runId())
          .setExperimentId(cell.experimentId()).setSubjectId(cell.subjectId()).setModel(cell.model())
          .setLayer(cell.layer()).setRoi(cell.roi()).setStimulusId(stimulusId).setSplit(Split.TEST)
          .setVoxelBlock(cell.block()).setVoxelOffset(cellMeta.voxelOffset())
          .setBasisVersion(basis)
          .setValues(Tensors.vector(predicted, responseDtype))
          .setUpdatedAtMs(now)
          .build();
      context.forward(new org.apache.kafka.streams.processor.api.Record<>(cell.child(stimulusId), prediction, now));
    }
    int trainStimuli = 0;
    for (SufficientStats fold : stats) {
      trainStimuli += (int) fold.n();
    }
    int p = cellMeta.features();
    int v = cellMeta.voxels();
    ModelSnapshot snapshot = ModelSnapshot.newBuilder()
        .setRunId(settings.runId())
        .setExperimentId(cell.experimentId()).setSubjectId(cell.subjectId()).setModel(cell.model())
        .setLayer(cell.layer()).setRoi(cell.roi())
        .setBasisVersion(basis)
        .setVoxelBlock(cell.block())
        .setVoxelBlocks((cellMeta.roiVoxels() + settings.voxelBlockSize() - 1) / settings.voxelBlockSize())
        .setVoxelOffset(cellMeta.voxelOffset())
        .setRoiVoxels(cellMeta.roiVoxels())
        .setNTrain(trainStimuli)
        .setNTest(testStimuli.size())
        .setResponses(cellMeta.responses())
        .setFolds(settings.folds())
        .setCriterion(settings.ridge().criterion().toString())
        .setAlphas(toList(settings.ridge().alphas()))
        .setBestAlpha(Tensors.ofDoubles(solution.bestAlpha(), v))
        .setCoef(Tensors.ofDoubles(solution.coef(), p, v))
        .setIntercept(Tensors.ofDoubles(solution.intercept(), v))
        .setOofMoments(Tensors.ofDoubles(solution.oof().orElseThrow().toMatrix(), PairedMoments.ROWS, v))
        .setOofWithinFoldMoments(Tensors.ofDoubles(solution.oofWithinFolds().orElseThrow().toMatrix(), PairedMoments.ROWS, v))
        .setTestMoments(testStimuli.isEmpty() ? null : Tensors.ofDoubles(test.toMatrix(), PairedMoments.ROWS, v))
        .setAttributes(cellMeta.attributes())
        .setUpdatedAtMs(now)
        .build();
    context.forward(new org.apache.kafka.streams.processor.api.Record<>(cell.toString(), snapshot, now));
  }

  private SufficientStats[] loadFolds(String cellKey, CellMeta cellMeta) {
    SufficientStats[] stats = new SufficientStats[settings.folds()];
    for (int f = 0; f < stats.length; f++) {
      byte[] bytes = folds.get(foldKey(cellKey, f));
      stats[f] = bytes == null ? new SufficientStats(cellMeta.features(), cellMeta.voxels())
          : SufficientStats.fromBytes(bytes);
    }
    return stats;
  }

  /** The PCA basis the features were reduced with, or "raw-p" for features used as extracted. */
  private static String basisVersion(CellMeta cellMeta) {
    return cellMeta.attributes().getOrDefault(org.neuroencode.encoder.basis.ReducedFeatures.BASIS_ATTRIBUTE,
        "raw-" + cellMeta.features());
  }

  private static String foldKey(String cellKey, int fold) {
    return cellKey + Ids.SEPARATOR + fold;
  }

  private static List<Double> toList(double[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (double value : values) {
      list.add(value);
    }
    return list;
  }

  private void deadLetter(org.apache.kafka.streams.processor.api.Record<String, EncodingSample> record,
      String reason) {
    RecordMetadata source = context.recordMetadata().orElseThrow();
    byte[] value = SAMPLES.encode(record.value());
    context.forward(DeadLetterRecords.of(STAGE, reason, source.topic(), source.partition(), source.offset(),
        record.key(), value, record.timestamp()));
  }
}
