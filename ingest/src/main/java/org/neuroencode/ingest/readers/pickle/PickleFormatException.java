package org.neuroencode.ingest.readers.pickle;

import java.io.IOException;

/** A pickle that cannot be read, with the file and the problem in one line, so a user can fix the input. */
public final class PickleFormatException extends IOException {
  public PickleFormatException(String file, String problem) {
    super(file + ": " + problem);
  }
}
