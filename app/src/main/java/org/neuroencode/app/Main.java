package org.neuroencode.app;

import org.neuroencode.app.cli.BrokerCommand;
import org.neuroencode.app.cli.DemoCommand;
import org.neuroencode.app.cli.EncodeCommand;
import org.neuroencode.app.cli.EvaluateCommand;
import org.neuroencode.app.cli.ExtractCommand;
import org.neuroencode.app.cli.IngestCommand;
import org.neuroencode.app.cli.ScoresCommand;
import org.neuroencode.app.cli.TopicsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one command line. */
@Command(name = "neuroencode", mixinStandardHelpOptions = true, version = "neuroencode 0.1.0",
    description = "Dynamics-aware neural encoding of fMRI responses to videos, streamed through Kafka.",
    subcommands = {DemoCommand.class, BrokerCommand.class, org.neuroencode.app.cli.ExperimentsCommand.class, IngestCommand.class, ExtractCommand.class,
        org.neuroencode.app.cli.ModelsCommand.class, EncodeCommand.class, EvaluateCommand.class, ScoresCommand.class, TopicsCommand.class, org.neuroencode.app.cli.FitCommand.class, org.neuroencode.app.cli.ServeCommand.class, org.neuroencode.app.cli.AcquireCommand.class, CommandLine.HelpCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExecutionExceptionHandler((exception, cmd, parsed) -> {
      cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(exception));
      return 1;
    });
    return commandLine.execute(args);
  }

  /** A user-facing one-line message: the innermost cause that says something. */
  static String oneLine(Throwable exception) {
    Throwable cause = exception;
    while (cause.getCause() != null && (cause.getMessage() == null || cause instanceof java.util.concurrent.ExecutionException)) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return message.replace('\n', ' ');
  }
}
