package org.neuroencode.app.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuroencode.app.demo.AblationReport;
import org.neuroencode.app.demo.ConnectivityTables;
import org.neuroencode.app.demo.DemoRun;
import org.neuroencode.app.demo.DemoSettings;
import org.neuroencode.app.demo.RoiRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run a whole synthetic fMRI experiment through real Kafka topics to per-ROI encoding scores, "
        + "on an embedded broker unless --bootstrap-servers is given, and print the per-ROI table.")
public final class DemoCommand implements Callable<Integer> {
  @Mixin SyntheticOptions synthetic;
  @Mixin RidgeOptions ridge;
  @Mixin PcaOptions pca;
  @Mixin VoxelBlockOptions blocks;
  @Mixin ConnectivityOptions connectivity;

  @picocli.CommandLine.Option(names = "--extra-models", paramLabel = "ID[,ID...]", split = ",",
      description = "Catalogue models extracted besides motion energy, e.g. untrained-image-cnn, so that the ablation "
          + "compares video and image features (slower: see docs/BENCHMARKS.md, \"Extractor throughput\").")
  List<String> extraModels;

  @Option(names = "--bootstrap-servers", description = "Use this Kafka cluster instead of the embedded broker.")
  String bootstrapServers;

  @Option(names = "--data-dir", description = "Keep the embedded broker's topics here, for a later replay (default: a temporary directory).")
  Path dataDir;

  @Option(names = "--run-id", description = "Run id (default: demo-<timestamp>).")
  String runId;

  @Option(names = "--out", description = "Output directory (default: ./neuroencode-out/<run-id>/).")
  Path out;

  @Option(names = "--timeout-s", description = "Give up after this long (default: ${DEFAULT-VALUE}).", defaultValue = "900")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    String run = runId != null ? runId
        : "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path outDir = out != null ? out : Path.of("neuroencode-out", run);
    DemoSettings settings = new DemoSettings(synthetic.spec("synthetic-" + run),
        EncodeCommand.encoderSettings(run, ridge, pca, blocks, connectivity, 2000), outDir, bootstrapServers, dataDir, synthetic.threads,
        Duration.ofSeconds(timeoutSeconds), extraModels == null ? List.of() : extraModels);
    DemoRun demo = new DemoRun(settings, System.err);
    List<RoiRow> rows = demo.run();
    System.out.println();
    DemoRun.printTable(rows, System.out);
    int n = settings.synthetic().videos() - settings.synthetic().testVideos();
    System.out.printf(Locale.ROOT, "%nr: nested out-of-fold Pearson r per voxel, averaged; chance is about +/-%.3f (3/sqrt(n_train)).%n",
        3 / Math.sqrt(n));
    if (!demo.ablation().isEmpty()) {
      System.out.println();
      AblationReport.print(demo.ablation(), System.out);
      System.out.println();
      ConnectivityTables.print(demo.connectivity(), rows.stream().map(RoiRow::roi).distinct().toList(), System.out);
    }
    System.out.println("timings (s): " + demo.timings().entrySet().stream()
        .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1f", e.getValue())).toList());
    System.out.println("wrote " + outDir.resolve("scores.csv").toAbsolutePath() + ", ablation.csv, connectivity/ and the ground truth in "
        + outDir.resolve("truth").toAbsolutePath());
    return 0;
  }
}
