package org.neuroencode.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.neuroencode.app.Main;
import picocli.CommandLine;

class CommandLineTest {

  private static final java.util.Set<String> SUBCOMMANDS = java.util.Set.of("demo", "broker", "experiments", "ingest", "extract", "models",
      "encode", "evaluate", "scores", "topics", "fit", "serve", "acquire", "help");

  @Test
  void shouldPrintHelpForEverySubcommand() {
    CommandLine root = Main.commandLine();
    assertEquals(SUBCOMMANDS, root.getSubcommands().keySet());
    for (var entry : root.getSubcommands().entrySet()) {
      assertHelp(entry.getKey());
      for (String nested : entry.getValue().getSubcommands().keySet()) {
        if (!entry.getKey().equals("help")) {
          assertHelp(entry.getKey(), nested);
        }
      }
    }
  }

  @Test
  void shouldBuildOnlyTheNamedSubcommandAndEverySubcommandOtherwise() {
    assertEquals(java.util.Set.of("fit"), Main.commandLine("fit", "--x", "X.npy").getSubcommands().keySet());
    assertEquals(java.util.Set.of("ingest"), Main.commandLine("ingest", "algonauts", "--help").getSubcommands().keySet());
    for (String[] args : new String[][] {{}, {"--help"}, {"--version"}, {"help", "fit"}, {"fti"}}) {
      assertEquals(SUBCOMMANDS, Main.commandLine(args).getSubcommands().keySet(), String.join(" ", args));
    }
    // the usage a subcommand prints names its full path either way
    String alone = stdoutOf(() -> assertEquals(0, Main.run("fit", "--help")));
    String viaHelp = stdoutOf(() -> assertEquals(0, Main.run("help", "fit")));
    assertEquals(viaHelp, alone);
    assertTrue(alone.startsWith("Usage: neuroencode fit "), alone);
  }

  @Test
  void shouldReportAnUnknownTopicInOneLine() {
    String err = stderrOf(() -> assertEquals(1, Main.run("topics", "tail", "no-such-topic")));
    assertEquals(1, err.strip().lines().count(), err);
    assertTrue(err.contains("unknown topic 'no-such-topic'"), err);
  }

  @Test
  void shouldListTheCatalogueWithFamilyAttributesAndTheUntrainedFlag() {
    String out = stdoutOf(() -> assertEquals(0, Main.run("models", "list")));
    assertTrue(out.lines().findFirst().orElse("").matches("id\\s+source\\s+layers\\s+modality\\s+arch\\s+multiscale"
        + "\\s+supervision\\s+streams\\s+pretraining\\s+untrained"), out);
    assertTrue(out.lines().anyMatch(line -> line.matches("motion-energy\\s+builtin:motion-energy\\s+energy\\s+video.*false")),
        out);
    assertTrue(out.lines().anyMatch(line -> line.startsWith("untrained-slowfast ") && line.contains(" two ")
        && line.endsWith("true")), out);
    assertTrue(out.lines().anyMatch(line -> line.startsWith("alexnet ") && line.contains("alexnet.pt")), out);
  }

  @Test
  void shouldSayInOneLineThatTheDevkitPresetNeedsAnAlexNetExport(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    String err = stderrOf(() -> assertEquals(1, Main.run("extract", "--preset", "algonauts-devkit", "--catalogue",
        dir.toString(), "--bootstrap-servers", "127.0.0.1:1")));
    assertEquals(1, err.strip().lines().count(), err);
    assertTrue(err.startsWith("neuroencode extract: model alexnet: TorchScript file " + dir.resolve("alexnet.pt")), err);
  }

  private static String stdoutOf(Runnable action) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void assertHelp(String... command) {
    String[] args = new String[command.length + 1];
    System.arraycopy(command, 0, args, 0, command.length);
    args[command.length] = "--help";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Main.run(args), String.join(" ", command));
    } finally {
      System.setOut(original);
    }
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("Usage: neuroencode"), String.join(" ", command));
  }

  /** What the action prints on standard error: the CLI's one-line errors. */
  static String stderrOf(Runnable action) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return err.toString(StandardCharsets.UTF_8);
  }
}
