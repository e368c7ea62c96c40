package org.neuroencode.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of the stream-processing stages. */
public final class StageOptions {
  @Option(names = "--run-id", description = "Scopes the stage's application id and outputs (default: ${DEFAULT-VALUE}).",
      defaultValue = "default")
  String runId;

  @Option(names = "--state-dir", description = "Local RocksDB state (restorable from changelogs) (default: ${DEFAULT-VALUE}).",
      defaultValue = "neuroencode-data/state")
  Path stateDir;
}
