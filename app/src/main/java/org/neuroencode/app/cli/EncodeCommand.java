package org.neuroencode.app.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.neuroencode.app.streams.Pipeline;
import org.neuroencode.core.topic.TopicAdmin;
import org.neuroencode.encoder.EncoderSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "encode", mixinStandardHelpOptions = true,
    description = "Run the encoder: join responses with features, keep per-fold ridge statistics in RocksDB, publish models and test predictions.")
public final class EncodeCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;
  @Mixin StageOptions stage;
  @Mixin RidgeOptions ridge;
  @Mixin PcaOptions pca;
  @Mixin VoxelBlockOptions blocks;
  @Mixin ConnectivityOptions connectivity;

  @Option(names = "--solve-interval-ms", description = "How often changed cells are re-solved (default: ${DEFAULT-VALUE}).",
      defaultValue = "2000")
  long solveIntervalMs;

  @Override
  public Integer call() throws Exception {
    TopicAdmin.ensureTopics(kafka.settings(), (short) 1);
    EncoderSettings settings = encoderSettings(stage.runId, ridge, pca, blocks, connectivity, solveIntervalMs);
    return RunUntilStopped.await("encoder", Pipeline.startEncoder(kafka.settings(), settings, stage.stateDir));
  }

  static EncoderSettings encoderSettings(String runId, RidgeOptions ridge, PcaOptions pca, VoxelBlockOptions blocks,
      ConnectivityOptions connectivity, long solveIntervalMs) {
    return EncoderSettings.defaults(runId)
        .withVoxelBlockSize(blocks.voxelBlock)
        .withFolds(ridge.folds)
        .withRidge(ridge.settings())
        .withPca(pca.components())
        .withConnectivity(connectivity.settings())
        .withSolveInterval(Duration.ofMillis(solveIntervalMs));
  }
}
