package org.neuroencode.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's Python reference scripts (scripts/...) with Debian's python3, whose numpy, nibabel and
 * torch are the reference implementations the tests compare against. A missing interpreter or a failing
 * script fails the test, never skips it, naming the Debian packages to install.
 */
public final class PythonScripts {
  /** Debian's python3; the python3 on PATH may be another interpreter without the Debian packages. */
  public static final Path PYTHON = Path.of("/usr/bin/python3");

  private PythonScripts() {}

  /** Finds {@code relativePath} (e.g. scripts/fixtures/x.py) in the working directory or a folder above it. */
  public static Path find(String relativePath) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relativePath);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(relativePath + " not found above " + Path.of("").toAbsolutePath());
  }

  /**
   * Runs {@code script} with {@code args} and returns its output (stdout and stderr together); fails the test
   * with that output when the script exits non-zero or outlives {@code timeout}.
   */
  public static String run(Path script, Duration timeout, String debianPackages, String... args)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(PYTHON)) {
      fail(PYTHON + " is missing: install Debian's python3 and " + debianPackages + " to run " + script.getFileName());
    }
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
    command.addAll(List.of(args));
    // output goes to a file rather than a pipe, so a chatty script cannot block and the timeout holds
    File log = Files.createTempFile("python-script", ".log").toFile();
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.destroyForcibly().waitFor();
      }
      String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
      if (!finished) {
        fail(script.getFileName() + " did not finish within " + timeout + ":\n" + output);
      }
      if (process.exitValue() != 0) {
        fail(script.getFileName() + " failed (are " + debianPackages + " installed for " + PYTHON + "?):\n" + output);
      }
      return output;
    } finally {
      Files.deleteIfExists(log.toPath());
    }
  }
}
