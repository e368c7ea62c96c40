package org.neuroencode.core.claim;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The claim-check pattern: a payload too large for a Kafka record lives in a file, and the record carries
 * its location and SHA-256, which the reader verifies so that a replaced or damaged file is never used.
 */
public final class ClaimCheck {
  private ClaimCheck() {}

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /** A {@code file:} URI or a plain path. */
  public static Path path(String location) {
    return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
  }

  /**
   * The bytes at {@code location}, checked against {@code expectedSha256} (skipped when it is empty);
   * {@code what} names the payload in the one-line error.
   */
  public static byte[] read(String location, String expectedSha256, String what) throws IOException {
    Path path = path(location);
    if (!Files.isRegularFile(path)) {
      throw new IOException(what + ": " + path + " does not exist");
    }
    byte[] bytes = Files.readAllBytes(path);
    String actual = sha256(bytes);
    if (!expectedSha256.isEmpty() && !expectedSha256.equalsIgnoreCase(actual)) {
      throw new IOException(what + ": sha256 of " + path + " is " + actual + " but the record says " + expectedSha256);
    }
    return bytes;
  }
}
