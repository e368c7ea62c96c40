package org.neuroencode.ingest.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataRootTest {
  @TempDir Path dir;

  @Test
  void acceptsFilesInsideTheRootAndEverythingWithoutOne() throws Exception {
    Path root = Files.createDirectories(dir.resolve("data"));
    Path inside = Files.writeString(root.resolve("a.npy"), "x");
    assertEquals(inside, DataRoot.of(root).confine(inside));
    assertEquals(root.resolve("missing.npy"), DataRoot.of(root).confine(root.resolve("missing.npy")));
    assertEquals(dir.resolve("elsewhere"), DataRoot.unconfined().confine(dir.resolve("elsewhere")));
  }

  @Test
  void refusesAPathThroughADanglingLink() throws Exception {
    Path root = Files.createDirectories(dir.resolve("data"));
    Path dangling = Files.createSymbolicLink(root.resolve("dangling"), dir.resolve("outside/deep"));
    IOException error = assertThrows(IOException.class, () -> DataRoot.of(root).confine(dangling.resolve("x.npy")));
    assertEquals(dangling.resolve("x.npy") + ": goes through the dangling link " + dangling.toAbsolutePath(),
        error.getMessage());
  }

  @Test
  void refusesAPathThatClimbsOutOfTheRoot() throws Exception {
    Path root = Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("secret.npy"), "x");
    Path climbing = root.resolve("../secret.npy");
    IOException error = assertThrows(IOException.class, () -> DataRoot.of(root).confine(climbing));
    assertEquals(climbing + ": outside the data root " + root.toRealPath(), error.getMessage());
  }

  @Test
  void refusesASymbolicLinkThatLeadsOutOfTheRoot() throws Exception {
    Path root = Files.createDirectories(dir.resolve("data"));
    Path secret = Files.writeString(dir.resolve("secret.npy"), "x");
    Path link = Files.createSymbolicLink(root.resolve("innocent.npy"), secret);
    IOException error = assertThrows(IOException.class, () -> DataRoot.of(root).confine(link));
    assertEquals(link + ": outside the data root " + root.toRealPath() + " (it resolves to " + secret.toRealPath() + ")",
        error.getMessage());
    Path linkedFolder = Files.createSymbolicLink(root.resolve("sub01"), dir);
    assertThrows(IOException.class, () -> DataRoot.of(root).confine(linkedFolder.resolve("secret.npy")));
  }
}
