package org.neuroencode.extractor.catalogue;

/** A catalogue file or entry that cannot be used; the message is one line naming the file or model. */
public final class CatalogueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CatalogueException(String message) {
    super(message);
  }

  public CatalogueException(String message, Throwable cause) {
    super(message, cause);
  }
}
