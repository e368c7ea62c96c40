package org.neuroencode.encoder;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Record;
import org.neuroencode.core.deadletter.DeadLetters;
import org.neuroencode.core.schema.DeadLetter;

/** Dead letters as stream records, with the reason and source also in the headers. */
public final class DeadLetterRecords {
  private DeadLetterRecords() {}

  public static Record<String, Object> of(String stage, String reason, String sourceTopic, int partition, long offset,
      String key, byte[] value, long timestamp) {
    DeadLetter letter = DeadLetters.of(stage, reason, sourceTopic, partition, offset,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    Record<String, Object> record = new Record<>(key, letter, timestamp);
    DeadLetters.addTo(record.headers(), letter);
    return record;
  }
}
