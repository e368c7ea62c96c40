package org.neuroencode.app.serve;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Responses this instance has stored, per experiment, subject and ROI: what an operator watches during a scan. */
final class AcceptedCounts {
  private final Map<String, Map<String, Map<String, LongAdder>>> counts = new ConcurrentHashMap<>();

  void add(ResponseKey key) {
    counts.computeIfAbsent(key.experimentId(), e -> new ConcurrentHashMap<>())
        .computeIfAbsent(key.subjectId(), s -> new ConcurrentHashMap<>())
        .computeIfAbsent(key.roi(), r -> new LongAdder())
        .increment();
  }

  /** {subject: {roi: count}}, sorted so that replies are stable. */
  ObjectNode toJson(String experimentId) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    new TreeMap<>(counts.getOrDefault(experimentId, Map.of())).forEach((subject, rois) -> {
      ObjectNode perRoi = node.putObject(subject);
      new TreeMap<>(rois).forEach((roi, count) -> perRoi.put(roi, count.sum()));
    });
    return node;
  }
}
