package org.neuroencode.app.serve;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.ingest.timeseries.RepetitionCounter;
import org.neuroencode.ingest.timeseries.StimulusEvent;

/** The live runs this service knows, from the `scans` topic and from the run events posted since. */
final class LiveRuns {
  /** A run of one subject in one experiment; its string form is the `scans` key. */
  record RunKey(String experimentId, String subjectId, String run) {
    /** From a request's {exp} and {sub} path parameters and the given run id; 400 when one is not an identifier. */
    static RunKey of(io.vertx.ext.web.RoutingContext ctx, String run) {
      return new RunKey(ResponsesHandler.identifier(ctx.pathParam("exp"), "experiment"),
          ResponsesHandler.identifier(ctx.pathParam("sub"), "subject"), ResponsesHandler.identifier(run, "run"));
    }

    @Override
    public String toString() {
      return Ids.join(experimentId, subjectId, run);
    }
  }

  private final Map<RunKey, LiveRun> runs = new ConcurrentHashMap<>();

  Optional<LiveRun> find(RunKey key) {
    return Optional.ofNullable(runs.get(key));
  }

  /** Empty when this caller now owns the run; otherwise the run registered before. */
  Optional<LiveRun> claim(RunKey key, LiveRun run) {
    return Optional.ofNullable(runs.putIfAbsent(key, run));
  }

  /** Replaces {@code expected} by {@code run}, if it is still the registered one. */
  void replace(RunKey key, LiveRun expected, LiveRun run) {
    runs.replace(key, expected, run);
  }

  /** Gives a run back when recording its events failed. */
  void release(RunKey key, LiveRun run) {
    runs.remove(key, run);
  }

  /**
   * The subject's presentations counted over its other runs, so a new run's repetitions go on from them whatever
   * order the runs were registered or replayed in.
   */
  RepetitionCounter counter(RunKey excluded) {
    RepetitionCounter counter = new RepetitionCounter();
    runs.forEach((key, run) -> {
      if (!key.equals(excluded) && key.experimentId().equals(excluded.experimentId())
          && key.subjectId().equals(excluded.subjectId())) {
        for (StimulusEvent event : run.events()) {
          counter.observe(event.stimulusId(), event.repetition());
        }
      }
    });
    return counter;
  }

  /** {subject: {run: {volumes, responses, pendingEvents}}}, sorted so that replies are stable. */
  ObjectNode toJson(String experimentId) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    Map<RunKey, LiveRun> sorted = new TreeMap<>(Comparator.comparing(RunKey::toString));
    sorted.putAll(runs);
    sorted.entrySet().stream()
        .filter(entry -> entry.getKey().experimentId().equals(experimentId))
        .forEach(entry -> {
          ObjectNode subject = node.has(entry.getKey().subjectId())
              ? (ObjectNode) node.get(entry.getKey().subjectId()) : node.putObject(entry.getKey().subjectId());
          ObjectNode run = subject.putObject(entry.getKey().run());
          run.put("volumes", entry.getValue().volumes());
          run.put("responses", entry.getValue().responses());
          run.put("pendingEvents", entry.getValue().windower().pending().size());
        });
    return node;
  }
}
