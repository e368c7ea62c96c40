package org.neuroencode.app;

import java.util.List;
import org.neuroencode.app.cli.AcquireCommand;
import org.neuroencode.app.cli.BrokerCommand;
import org.neuroencode.app.cli.DemoCommand;
import org.neuroencode.app.cli.EncodeCommand;
import org.neuroencode.app.cli.EvaluateCommand;
import org.neuroencode.app.cli.ExperimentsCommand;
import org.neuroencode.app.cli.ExtractCommand;
import org.neuroencode.app.cli.FitCommand;
import org.neuroencode.app.cli.IngestCommand;
import org.neuroencode.app.cli.ModelsCommand;
import org.neuroencode.app.cli.ScoresCommand;
import org.neuroencode.app.cli.ServeCommand;
import org.neuroencode.app.cli.TopicsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one command line. */
@Command(name = "neuroencode", mixinStandardHelpOptions = true, version = "neuroencode 0.1.0",
    description = "Dynamics-aware neural encoding of fMRI responses to videos, streamed through Kafka.")
public final class Main {

  /** The subcommands, in the order the help lists them. */
  static final List<Class<?>> SUBCOMMANDS = List.of(DemoCommand.class, BrokerCommand.class, ExperimentsCommand.class, IngestCommand.class,
      ExtractCommand.class, ModelsCommand.class, EncodeCommand.class, EvaluateCommand.class, ScoresCommand.class, TopicsCommand.class,
      FitCommand.class, ServeCommand.class, AcquireCommand.class, CommandLine.HelpCommand.class);

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    if (args.length > 0 && args[0].equals(FitCommand.NAME)) {
      FitCommand.backend();
    }
    CommandLine commandLine = commandLine(args);
    commandLine.setExecutionExceptionHandler((exception, cmd, parsed) -> {
      cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(exception));
      return 1;
    });
    return commandLine.execute(args);
  }

  /**
   * The command line for {@code args}: when they start with a subcommand's name, the root holds that subcommand
   * alone, since building every subcommand's model took about 0.45 s, most of a short command's start-up (a timed
   * {@code fit} among them); otherwise (the root's own options, {@code help}, a misspelt name) every subcommand.
   */
  public static CommandLine commandLine(String... args) {
    CommandLine commandLine = new CommandLine(new Main());
    Class<?> named = args.length == 0 ? null : SUBCOMMANDS.stream()
        .filter(type -> type != CommandLine.HelpCommand.class && type.getAnnotation(Command.class).name().equals(args[0]))
        .findFirst().orElse(null);
    for (Class<?> type : named != null ? List.<Class<?>>of(named) : SUBCOMMANDS) {
      commandLine.addSubcommand(type);
    }
    return commandLine;
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
