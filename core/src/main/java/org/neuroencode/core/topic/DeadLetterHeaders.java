package org.neuroencode.core.topic;

/** Header names carried by every dead letter, so that operators can filter without decoding. */
public final class DeadLetterHeaders {
  public static final String REASON = "ne.reason";
  public static final String STAGE = "ne.stage";
  public static final String SOURCE_TOPIC = "ne.source.topic";
  public static final String SOURCE_PARTITION = "ne.source.partition";
  public static final String SOURCE_OFFSET = "ne.source.offset";

  private DeadLetterHeaders() {}
}
