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

  /**
   * Returns the real path of {@code path} (so that what is opened is what was checked) when it lies inside the
   * root; fails in one line naming it otherwise.
   */
  public Path confine(Path path) throws IOException {
    if (root == null) {
      return path;
    }
    Path resolved;
    try {
      resolved = path.toRealPath();
    } catch (NoSuchFileException e) {
      resolved = missingResolved(path);
    }
    if (!resolved.startsWith(root)) {
      boolean linked = !resolved.equals(path.toAbsolutePath().normalize());
      throw new IOException(path + ": outside the data root " + root + (linked ? " (it resolves to " + resolved + ")" : ""));
    }
    return resolved;
  }

  /**
   * A missing path resolved through its nearest existing ancestor; an ancestor that is a dangling link is
   * refused, since it could point outside the root once its target appears.
   */
  private static Path missingResolved(Path path) throws IOException {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    if (Files.isSymbolicLink(existing) && !Files.exists(existing)) {
      throw new IOException(path + ": goes through the dangling link " + existing);
    }
    return existing.toRealPath().resolve(existing.relativize(absolute));
  }

  @Override
  public String toString() {
    return root == null ? "(unconfined)" : root.toString();
  }
}
