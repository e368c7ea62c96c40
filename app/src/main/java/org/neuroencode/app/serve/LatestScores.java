package org.neuroencode.app.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.json.RecordJson;
import org.neuroencode.core.schema.Score;

/** The `scores` topic in memory: the latest score of each cell and variant, per experiment. */
final class LatestScores {
  /** Per-voxel tensors can hold thousands of values; the summary is what a status page needs. */
  private static final List<String> LEFT_OUT = List.of("voxelR", "testVoxelR", "experimentId", "roi");
  private final Map<String, Map<String, Score>> byExperiment = new ConcurrentHashMap<>();

  void update(Score score) {
    String cell = Ids.join(score.getSubjectId(), score.getModel(), score.getLayer(), score.getRoi(), score.getVariant());
    byExperiment.computeIfAbsent(score.getExperimentId(), e -> new ConcurrentHashMap<>()).put(cell, score);
  }

  /** {roi: [score summary, ...]}. */
  ObjectNode toJson(String experimentId) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    byExperiment.getOrDefault(experimentId, Map.of()).entrySet().stream()
        .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
        .forEach(cell -> {
          Score score = cell.getValue();
          ArrayNode roi = node.has(score.getRoi()) ? (ArrayNode) node.get(score.getRoi()) : node.putArray(score.getRoi());
          ObjectNode summary = (ObjectNode) RecordJson.toNode(score);
          summary.remove(LEFT_OUT);
          roi.add(summary);
        });
    return node;
  }
}
