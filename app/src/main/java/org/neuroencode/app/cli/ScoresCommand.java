package org.neuroencode.app.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuroencode.app.demo.ScoreBoard;
import org.neuroencode.core.schema.Score;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "scores", mixinStandardHelpOptions = true,
    description = "Print the latest score of every cell of an experiment, read from the scores topic.")
public final class ScoresCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;

  @Option(names = "--experiment", required = true, description = "Experiment id.")
  String experimentId;

  @Option(names = "--run-id", description = "Run id of the encoder and evaluator (default: ${DEFAULT-VALUE}).",
      defaultValue = "default")
  String runId;

  @Option(names = "--read-ms", description = "How long to read the topic (default: ${DEFAULT-VALUE}).", defaultValue = "3000")
  long readMs;

  @Override
  public Integer call() {
    try (ScoreBoard<Score> board = ScoreBoard.scores(kafka.settings(), experimentId, runId)) {
      long deadline = System.currentTimeMillis() + Duration.ofMillis(readMs).toMillis();
      while (System.currentTimeMillis() < deadline) {
        board.poll();
      }
      if (board.latest().isEmpty()) {
        System.err.println("no scores yet for experiment '" + experimentId + "' and run '" + runId + "'");
        return 1;
      }
      System.out.printf("%-8s %-16s %-10s %-5s %-7s %7s %6s %9s %9s %8s %8s%n", "subject", "model", "layer", "ROI", "variant",
          "n_train", "n_test", "responses", "mean r", "median r", "test r");
      for (Score score : board.latest().values()) {
        System.out.printf(Locale.ROOT, "%-8s %-16s %-10s %-5s %-7s %7d %6d %9d %9.3f %8.3f %8s%n", score.getSubjectId(),
            score.getModel(), score.getLayer(), score.getRoi(), score.getVariant(), score.getNTrain(), score.getNTest(),
            score.getResponses(), score.getMeanR(), score.getMedianR(),
            score.getTestMeanR() == null ? "-" : String.format(Locale.ROOT, "%.3f", score.getTestMeanR()));
      }
      return 0;
    }
  }
}
