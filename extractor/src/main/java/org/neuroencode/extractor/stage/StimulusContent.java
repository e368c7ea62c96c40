package org.neuroencode.extractor.stage;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.neuroencode.core.claim.ClaimCheck;
import org.neuroencode.core.schema.Stimulus;

/** The bytes of a stimulus: inline, or fetched by its claim check and verified against its sha256. */
public final class StimulusContent {
  private StimulusContent() {}

  public static byte[] bytesOf(Stimulus stimulus) throws IOException {
    String what = "stimulus " + stimulus.getStimulusId();
    if (stimulus.getContent() != null) {
      ByteBuffer content = stimulus.getContent().duplicate();
      byte[] bytes = new byte[content.remaining()];
      content.get(bytes);
      String actual = sha256(bytes);
      if (!stimulus.getSha256().isEmpty() && !stimulus.getSha256().equalsIgnoreCase(actual)) {
        throw new IOException(what + ": sha256 is " + actual + " but the record says " + stimulus.getSha256());
      }
      return bytes;
    }
    if (stimulus.getUri() != null) {
      return ClaimCheck.read(stimulus.getUri(), stimulus.getSha256(), what);
    }
    throw new IOException(what + " has neither content nor uri");
  }

  public static String sha256(byte[] bytes) {
    return ClaimCheck.sha256(bytes);
  }
}
