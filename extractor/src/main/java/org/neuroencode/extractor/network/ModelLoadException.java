package org.neuroencode.extractor.network;

/** A network that cannot serve its catalogue entry; the message is one line naming the model and the problem. */
public final class ModelLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelLoadException(String message) {
    super(message);
  }

  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
