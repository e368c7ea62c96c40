package org.neuroencode.encoder.ridge;

/** Thrown when the folds hold too little data for cross-validation (fewer than two non-empty folds). */
public final class InsufficientDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InsufficientDataException(String message) {
        super(message);
    }
}
