package org.neuroencode.extractor.stage;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.neuroencode.core.schema.Stimulus;

/** The bytes of a stimulus: inline, or fetched by its claim check and verified against its sha256. */
public final class StimulusContent {
  private StimulusContent() {}

  public static byte[] bytesOf(Stimulus stimulus) throws IOException {
    byte[] bytes;
    if (stimulus.getContent() != null) {
      ByteBuffer content = stimulus.getContent().duplicate();
      bytes = new byte[content.remaining()];
      content.get(bytes);
    } else if (stimulus.getUri() != null) {
      Path path = stimulus.getUri().startsWith("file:") ? Path.of(URI.create(stimulus.getUri())) : Path.of(stimulus.getUri());
      if (!Files.isRegularFile(path)) {
        throw new IOException("stimulus " + stimulus.getStimulusId() + ": " + path + " does not exist");
      }
      bytes = Files.readAllBytes(path);
    } else {
      throw new IOException("stimulus " + stimulus.getStimulusId() + " has neither content nor uri");
    }
    String actual = sha256(bytes);
    if (!stimulus.getSha256().isEmpty() && !stimulus.getSha256().equalsIgnoreCase(actual)) {
      throw new IOException("stimulus " + stimulus.getStimulusId() + ": sha256 is " + actual + " but the record says "
          + stimulus.getSha256());
    }
    return bytes;
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
