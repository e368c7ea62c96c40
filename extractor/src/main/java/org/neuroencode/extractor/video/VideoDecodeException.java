package org.neuroencode.extractor.video;

/**
 * The input could not be turned into usable frames: corrupt, truncated, not a video, or too short. The
 * message is one line meant for a dead-letter header or a log, so callers need not print a stack trace.
 */
public final class VideoDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    public VideoDecodeException(String message) {
        super(message);
    }

    public VideoDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
