package org.neuroencode.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.neuroencode.ingest.readers.DataRoot;
import picocli.CommandLine.Option;

/** The folder the dataset readers may read from; without it they read wherever they are pointed. */
public final class DataRootOption {
  @Option(names = "--data-root", paramLabel = "DIR",
      description = "Refuse to read any file outside DIR, symbolic links resolved (default: no confinement).")
  Path dataRoot;

  public DataRoot dataRoot() throws IOException {
    return DataRoot.of(dataRoot);
  }
}
