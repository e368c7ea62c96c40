package org.neuroencode.app.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuroencode.app.broker.EmbeddedKafkaBroker;
import org.neuroencode.app.streams.Pipeline;
import org.neuroencode.app.streams.StreamsStage;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.schema.Connectivity;
import org.neuroencode.core.schema.Score;
import org.neuroencode.encoder.connectivity.ModelConnectivity;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.core.topic.TopicAdmin;
import org.neuroencode.extractor.FeatureModel;
import org.neuroencode.extractor.catalogue.ModelCatalogue;
import org.neuroencode.extractor.models.FeatureModels;
import org.neuroencode.extractor.models.MotionEnergyModel;
import org.neuroencode.extractor.network.RuntimeSettings;
import org.neuroencode.extractor.reduction.FeatureReduction;
import org.neuroencode.extractor.stage.ExtractorStage;
import org.neuroencode.ingest.synthetic.SubjectRoiTruth;
import org.neuroencode.ingest.synthetic.SyntheticExperiment;
import org.neuroencode.ingest.synthetic.SyntheticPublisher;
import org.neuroencode.ingest.synthetic.TruthWriter;

/**
 * The whole pipeline on one machine: broker, extractor, encoder and evaluator, fed a synthetic
 * experiment, until every (subject, ROI) cell is scored on all of its data.
 */
public final class DemoRun {
  private final DemoSettings settings;
  private final PrintStream log;
  private final Map<String, Double> timings = new LinkedHashMap<>();
  private long lastProgress;
  private List<AblationReport.Row> ablation = List.of();
  private List<Connectivity> connectivity = List.of();
  /** Every (subject, ROI) is scored once per layer of every model (motion energy has one). */
  private int layersPerCell;

  public DemoRun(DemoSettings settings, PrintStream log) {
    this.settings = settings;
    this.log = log;
  }

  public Map<String, Double> timings() {
    return timings;
  }

  public List<RoiRow> run() throws IOException {
    return run(kafka -> { });
  }

  /** Runs the demo; extraRecords may publish more (malformed records, for instance) after the experiment. */
  public List<RoiRow> run(java.util.function.Consumer<KafkaSettings> extraRecords) throws IOException {
    long start = System.nanoTime();
    Files.createDirectories(settings.out());
    String bootstrap = settings.bootstrapServers();
    // Closed in reverse order, by the finally below or, on Ctrl-C, by the shutdown hook.
    List<AutoCloseable> stages = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread onInterrupt = new Thread(() -> closeAll(stages), "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      if (bootstrap == null) {
        EmbeddedKafkaBroker broker = settings.brokerDataDir() == null ? EmbeddedKafkaBroker.startTemporary()
            : EmbeddedKafkaBroker.start(settings.brokerDataDir(), 0);
        stages.add(broker);
        bootstrap = broker.bootstrapServers();
        log.println("embedded Kafka broker at " + bootstrap);
      }
      KafkaSettings kafka = KafkaSettings.of(bootstrap);
      TopicAdmin.ensureTopics(kafka, (short) 1);
      timings.put("broker and topics", seconds(start));

      long phase = System.nanoTime();
      Path stateDir = settings.out().resolve("state");
      StreamsStage encoder = Pipeline.startEncoder(kafka, settings.encoder(), stateDir);
      stages.add(encoder);
      StreamsStage evaluator = Pipeline.startEvaluator(kafka, settings.encoder().runId(), stateDir);
      stages.add(evaluator);
      List<FeatureModel> models = featureModels();
      layersPerCell = models.stream().mapToInt(model -> model.layers().size()).sum();
      stages.add(() -> models.forEach(FeatureModel::close));
      ExtractorStage extractor = new ExtractorStage(kafka, models, settings.threads());
      Thread extractorThread = new Thread(extractor, "extractor");
      extractorThread.start();
      stages.add(() -> {
        extractor.stop();
        extractorThread.join(30_000);
        extractor.close();
      });
      timings.put("stages started", seconds(phase));

      phase = System.nanoTime();
      log.printf("generating %d videos (%s truth, coupling %s) for %d subjects...%n", settings.synthetic().videos(),
          settings.synthetic().truth().label(), settings.synthetic().coupling().strength(),
          settings.synthetic().subjects());
      SyntheticExperiment experiment = SyntheticExperiment.generate(settings.synthetic(), settings.threads());
      TruthWriter.write(experiment, settings.out().resolve("truth"));
      timings.put("videos generated and encoded", seconds(phase));

      phase = System.nanoTime();
      SyntheticPublisher.Published published = SyntheticPublisher.publish(kafka, experiment);
      log.printf("published %d stimuli and %d responses%n", published.stimuli(), published.responses());
      extraRecords.accept(kafka);
      timings.put("published", seconds(phase));

      phase = System.nanoTime();
      List<SubjectRoiTruth> cells = experiment.truth().cells();
      Map<String, Integer> expectedResponses = expectedResponses(experiment);
      int testStimuli = settings.synthetic().testVideos();
      try (ScoreBoard<Score> board = ScoreBoard.scores(kafka, settings.synthetic().experimentId(), settings.encoder().runId())) {
        boolean complete = board.awaitAll(cells.size() * layersPerCell, DemoRun::isLayerBase,
            score -> score.getResponses() == expectedResponses.getOrDefault(score.getSubjectId() + "/" + score.getRoi(), -1)
                && score.getNTest() == testStimuli,
            settings.timeout(), () -> progress(board, cells.size() * layersPerCell), () -> health(encoder, evaluator));
        if (!complete) {
          throw new IllegalStateException("not every cell was scored on all its data within "
              + settings.timeout().toSeconds() + " s (" + board.latest().size() + " of " + cells.size() + " cells scored)");
        }
        timings.put("extracted, encoded and scored after publishing", seconds(phase));
        List<RoiRow> rows = rows(cells, board.latest());
        writeCsv(rows);
        if (settings.encoder().connectivity().enabled()) {
          phase = System.nanoTime();
          awaitStageTwo(board, kafka, cells, encoder, evaluator);
          timings.put("stage 2 after the last base score", seconds(phase));
        }
        timings.put("total", seconds(start));
        return rows;
      }
    } finally {
      closeAll(stages);
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running already
      }
    }
  }

  private static void closeAll(List<AutoCloseable> stages) {
    synchronized (stages) {
      for (int i = stages.size() - 1; i >= 0; i--) {
        try {
          stages.get(i).close();
        } catch (Exception ignored) {
          // closing the rest matters more
        }
      }
      stages.clear();
    }
  }

  /**
   * Waits for every cell's intra, inter and full scores on all stimuli, then keeps the ablation report and the
   * connectivity matrices, and writes both as CSV.
   */
  private void awaitStageTwo(ScoreBoard<Score> board, KafkaSettings kafka, List<SubjectRoiTruth> cells,
      StreamsStage... stages) throws IOException {
    int train = settings.synthetic().videos() - settings.synthetic().testVideos();
    java.util.function.Predicate<Score> variant = score -> !isLayerBase(score)
        && !score.getLayer().toString().equals(ModelConnectivity.FUSED_LAYER);
    log.println("waiting for the connectivity priors (stage 2) on all stimuli...");
    boolean complete = board.awaitAll(cells.size() * 4 * layersPerCell, variant,
        score -> score.getNTrain() == train && score.getNTest() == settings.synthetic().testVideos(),
        settings.timeout(), () -> { }, () -> health(stages));
    if (!complete) {
      throw new IllegalStateException("stage 2 did not score every cell on all its data within " + settings.timeout().toSeconds() + " s");
    }
    List<String> roiOrder = cells.stream().map(SubjectRoiTruth::roi).distinct().toList();
    ablation = AblationReport.rows(board.latest().values().stream()
        .filter(score -> !score.getLayer().toString().equals(ModelConnectivity.FUSED_LAYER)).toList(), roiOrder);
    List<String> lines = new ArrayList<>(List.of(AblationReport.CSV_HEADER));
    ablation.forEach(row -> lines.add(row.csv()));
    Files.write(settings.out().resolve("ablation.csv"), lines);
    try (ScoreBoard<Connectivity> matrices = ScoreBoard.connectivity(kafka, settings.synthetic().experimentId(),
        settings.encoder().runId())) {
      int subjects = settings.synthetic().subjects();
      if (!matrices.awaitAll(subjects * layersPerCell, any -> true, record -> record.getNTrain() == train,
          Duration.ofSeconds(60), () -> { }, () -> health(stages))) {
        throw new IllegalStateException("not every connectivity matrix arrived within 60 s");
      }
      connectivity = new ArrayList<>(matrices.latest().values());
    }
    ConnectivityTables.writeCsv(connectivity, settings.out().resolve("connectivity"));
  }

  /** Motion energy and the extra catalogue models, built-in networks batching 8 clips on the CPU. */
  private List<FeatureModel> featureModels() {
    List<FeatureModel> models = new ArrayList<>(List.of(new MotionEnergyModel()));
    ModelCatalogue catalogue = ModelCatalogue.defaults();
    for (String id : settings.extraModels()) {
      models.add(FeatureModels.create(catalogue.entry(id), RuntimeSettings.defaults().withBatchSize(8),
          FeatureReduction.parse("pool:2")));
    }
    return models;
  }

  public List<AblationReport.Row> ablation() {
    return ablation;
  }

  public List<Connectivity> connectivity() {
    return connectivity;
  }

  private static boolean isLayerBase(Score score) {
    return score.getVariant().toString().equals(AblationReport.VARIANTS.get(0))
        && !score.getLayer().toString().equals(ModelConnectivity.FUSED_LAYER);
  }

  private void progress(ScoreBoard<Score> board, int cells) {
    if (System.nanoTime() - lastProgress < 5_000_000_000L) {
      return;
    }
    lastProgress = System.nanoTime();
    long responses = board.latest().values().stream().filter(DemoRun::isLayerBase).mapToLong(Score::getResponses).sum();
    long scored = board.latest().values().stream().filter(DemoRun::isLayerBase).count();
    log.printf("  scored cells: %d/%d, responses folded into the scores: %d%n", scored, cells, responses);
  }

  private static java.util.Optional<String> health(StreamsStage... stages) {
    for (StreamsStage stage : stages) {
      if (!stage.state().isRunningOrRebalancing()) {
        return java.util.Optional.of(stage.applicationId() + " stopped (" + stage.state() + "); see the log above");
      }
    }
    return java.util.Optional.empty();
  }

  private static Map<String, Integer> expectedResponses(SyntheticExperiment experiment) {
    int train = experiment.spec().videos() - experiment.spec().testVideos();
    int perCell = train * experiment.spec().trainRepetitions()
        + experiment.spec().testVideos() * experiment.spec().testRepetitions();
    Map<String, Integer> expected = new LinkedHashMap<>();
    for (SubjectRoiTruth cell : experiment.truth().cells()) {
      expected.put(cell.subjectId() + "/" + cell.roi(), perCell);
    }
    return expected;
  }

  private List<RoiRow> rows(List<SubjectRoiTruth> cells, Map<String, Score> scores) {
    List<RoiRow> rows = new ArrayList<>();
    for (SubjectRoiTruth cell : cells) {
      Score score = scores.values().stream()
          .filter(s -> isLayerBase(s) && s.getSubjectId().equals(cell.subjectId()) && s.getRoi().equals(cell.roi())
              && s.getModel().equals(MotionEnergyModel.ID) && isMotionEnergyLayer(s.getLayer()))
          .findFirst().orElseThrow(() -> new IllegalStateException("no score for " + cell.subjectId() + "/" + cell.roi()));
      double[] r = Tensors.toDoubles(score.getVoxelR());
      rows.add(new RoiRow(cell.subjectId(), cell.roi(), score.getNTrain(), score.getNTest(), cell.voxels(),
          cell.nullVoxels(), meanOver(r, cell.isNull(), false), meanOver(r, cell.isNull(), true),
          cell.meanAchievableR(), score.getTestMeanR() == null ? Double.NaN : score.getTestMeanR()));
    }
    return rows;
  }

  /** The raw layer, or its PCA reduction "<layer>.<basis version>". */
  private static boolean isMotionEnergyLayer(String layer) {
    return layer.equals(MotionEnergyModel.LAYER) || layer.startsWith(MotionEnergyModel.LAYER + ".");
  }

  private static double meanOver(double[] r, boolean[] isNull, boolean nullVoxels) {
    double sum = 0;
    int n = 0;
    for (int j = 0; j < r.length; j++) {
      if (isNull[j] == nullVoxels && !Double.isNaN(r[j])) {
        sum += r[j];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private void writeCsv(List<RoiRow> rows) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(RoiRow.CSV_HEADER);
    rows.forEach(row -> lines.add(row.csv()));
    Files.write(settings.out().resolve("scores.csv"), lines);
  }

  public static void printTable(List<RoiRow> rows, PrintStream out) {
    out.printf("%-7s %-4s %7s %6s %7s %13s %11s %12s %10s%n", "subject", "ROI", "n_train", "n_test", "voxels",
        "r(signal)", "r(null)", "achievable", "test r");
    for (RoiRow row : rows) {
      out.printf(Locale.ROOT, "%-7s %-4s %7d %6d %7d %13.3f %11.3f %12.3f %10.3f%n", row.subject(), row.roi(),
          row.nTrain(), row.nTest(), row.voxels(), row.meanRSignal(), row.meanRNull(), row.achievableR(),
          row.testMeanR());
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
