package org.neuroencode.core.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.neuroencode.core.schema.DeadLetter;
import org.neuroencode.core.topic.DeadLetterHeaders;

/** Builds dead letters: the failed record whole, with the reason and where it came from. */
public final class DeadLetters {
  private DeadLetters() {}

  public static DeadLetter of(String stage, String reason, String sourceTopic, int partition, long offset,
      byte[] key, byte[] value) {
    return DeadLetter.newBuilder()
        .setStage(stage)
        .setReason(reason)
        .setSourceTopic(sourceTopic == null ? "" : sourceTopic)
        .setSourcePartition(partition)
        .setSourceOffset(offset)
        .setKey(key == null ? null : ByteBuffer.wrap(key))
        .setValue(value == null ? null : ByteBuffer.wrap(value))
        .setFailedAtMs(System.currentTimeMillis())
        .build();
  }

  public static Headers headers(DeadLetter letter) {
    Headers headers = new RecordHeaders();
    addTo(headers, letter);
    return headers;
  }

  public static void addTo(Headers headers, DeadLetter letter) {
    put(headers, DeadLetterHeaders.REASON, letter.getReason());
    put(headers, DeadLetterHeaders.STAGE, letter.getStage());
    put(headers, DeadLetterHeaders.SOURCE_TOPIC, letter.getSourceTopic());
    put(headers, DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(letter.getSourcePartition()));
    put(headers, DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(letter.getSourceOffset()));
  }

  private static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
