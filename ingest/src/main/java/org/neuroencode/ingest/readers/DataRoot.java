package org.neuroencode.ingest.readers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The folder that readers may read from. Every path a reader opens, given on the command line or found by
 * listing a folder, is resolved with its symbolic links ({@link Path#toRealPath}) and refused when it lies
 * outside, so neither {@code ../} nor a link out of the root reaches other files. Without a root nothing is
 * confined.
 */
public final class DataRoot {
  private static final DataRoot UNCONFINED = new DataRoot(null);
  private final Path root;

  private DataRoot(Path root) {
    this.root = root;
  }

  public static DataRoot unconfined() {
    return UNCONFINED;
  }

  /** Confines reading to {@code root}, which must be an existing folder. */
  public static DataRoot of(Path root) throws IOException {
    if (root == null) {
      return UNCONFINED;
    }
    if (!Files.isDirectory(root)) {
      throw new IOException(root + ": the data root is not a folder");
    }
    return new DataRoot(root.toRealPath());
  }

  /** Returns {@code path} unchanged when it lies inside the root; fails in one line naming it otherwise. */
  public Path confine(Path path) throws IOException {
    if (root == null) {
      return path;
    }
    Path resolved;
    try {
      resolved = path.toRealPath();
    } catch (NoSuchFileException e) {
      // a missing file cannot escape through a link of its own; its existing parent still can
      Path parent = path.toAbsolutePath().normalize().getParent();
      resolved = parent != null && Files.exists(parent)
          ? parent.toRealPath().resolve(path.getFileName()) : path.toAbsolutePath().normalize();
    }
    if (!resolved.startsWith(root)) {
      boolean linked = !resolved.equals(path.toAbsolutePath().normalize());
      throw new IOException(path + ": outside the data root " + root + (linked ? " (it resolves to " + resolved + ")" : ""));
    }
    return path;
  }

  @Override
  public String toString() {
    return root == null ? "(unconfined)" : root.toString();
  }
}
