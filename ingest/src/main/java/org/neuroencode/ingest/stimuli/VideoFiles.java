package org.neuroencode.ingest.stimuli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.Stimulus;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.extractor.stage.StimulusContent;

/**
 * Stimulus records for video files on disk. A video travels inside its record (replayable anywhere) when it
 * leaves room in the topics' record limit; a larger one travels by claim check, its absolute file URI and
 * sha256, which the extractor verifies when it reads the file.
 */
public final class VideoFiles {
  /** Half the registry's record limit, so the record's other fields and the batch framing always fit. */
  public static final int INLINE_LIMIT = Topics.LARGE_MESSAGE_BYTES / 2;

  private VideoFiles() {}

  public static Stimulus stimulus(String experimentId, String stimulusId, Split split, Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such file");
    }
    long size = Files.size(file);
    Stimulus.Builder record = Stimulus.newBuilder().setExperimentId(experimentId).setStimulusId(stimulusId)
        .setSplit(split).setSizeBytes(size).setCreatedAtMs(System.currentTimeMillis());
    if (size <= INLINE_LIMIT) {
      byte[] bytes = Files.readAllBytes(file);
      return record.setContent(ByteBuffer.wrap(bytes)).setSha256(StimulusContent.sha256(bytes)).build();
    }
    return record.setUri(file.toAbsolutePath().toUri().toString()).setSha256(sha256(file)).build();
  }

  /** The digest of a file read in pieces, so a claim-checked video is never held whole. */
  private static String sha256(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
