package org.neuroencode.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the fixture scripts of scripts/fixtures with Debian's python3, whose numpy, nibabel and torch are the
 * reference writers, so readers and loaders are tested against what users have on disk. Shared by the
 * modules' tests through core's test jar.
 */
public final class FixtureScripts {
  /** Debian's python3 lives here; the python3 on PATH may be another interpreter without Debian's packages. */
  public static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private FixtureScripts() {}

  public static void run(String script, String... args) throws IOException, InterruptedException {
    run(DEFAULT_TIMEOUT, script, args);
  }

  /**
   * Fails the test with the script's output when it does not succeed within {@code timeout}; the message
   * names the Debian packages the fixtures need.
   */
  public static void run(Duration timeout, String script, String... args) throws IOException, InterruptedException {
    runAt(timeout, "scripts/fixtures/" + script, args);
  }

  /** Runs any script of the repository, given by its path from the repository's root, as {@link #run} does. */
  public static void runAt(Duration timeout, String relativePath, String... args) throws IOException, InterruptedException {
    String script = relativePath;
    if (!Files.isExecutable(PYTHON)) {
      fail(PYTHON + " is missing: install Debian's python3 and the fixture packages (see ./run-tests)");
    }
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(), find(script).toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(script + " did not finish within " + timeout.toSeconds() + " s:\n" + output);
    }
    if (process.exitValue() != 0) {
      fail(script + " failed (are the Debian packages of ./run-tests's ensure_tools line installed for " + PYTHON
          + "?):\n" + output);
    }
  }

  private static Path find(String relativePath) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path script = dir.resolve(relativePath);
      if (Files.isRegularFile(script)) {
        return script;
      }
    }
    throw new IllegalStateException(relativePath + " not found above " + Path.of("").toAbsolutePath());
  }
}
