package org.neuroencode.app.serve;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.Tensor;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.core.validation.ExperimentIndex;
import org.neuroencode.core.validation.RecordValidation;
import org.neuroencode.ingest.timeseries.WindowedResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recorded volume going through its run's windower, and the responses it completes going to `responses`, each
 * once: the one path for volumes posted now and volumes replayed from `scans` at start.
 */
final class VolumeDelivery {
  static final String SOURCE = "http-volumes";
  private static final Logger LOG = LoggerFactory.getLogger(VolumeDelivery.class);

  private VolumeDelivery() {}

  /**
   * Delivers the volume and stores what it completes; the future lists each response with its Kafka coordinates,
   * or {@code duplicate} (stored before: on a replay, every response emitted before the restart), or the reason it
   * was refused or not stored. The volume itself must be recorded in `scans` already.
   */
  static Future<JsonArray> deliver(LiveRuns.RunKey key, LiveRun run, int index, Tensor values,
      Optional<ExperimentIndex> experiment, Function<Response, Future<Ack>> store) {
    List<WindowedResponse> completed = run.windower().accept(index, Tensors.toDoubles(values));
    run.countVolume();
    List<Future<JsonObject>> outcomes = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (WindowedResponse windowed : completed) {
      for (Response response : run.layout().responses(windowed, key.experimentId(), key.subjectId(), values.getDtype(),
          SOURCE, now)) {
        outcomes.add(store(response, experiment, store, run));
      }
    }
    return Future.all(outcomes).map(done -> new JsonArray(outcomes.stream().map(Future::result).map(Object.class::cast).toList()));
  }

  private static Future<JsonObject> store(Response response, Optional<ExperimentIndex> experiment,
      Function<Response, Future<Ack>> store, LiveRun run) {
    JsonObject described = new JsonObject().put("stimulus", response.getStimulusId()).put("roi", response.getRoi())
        .put("repetition", response.getRepetition());
    Optional<String> problem = experiment.isEmpty()
        ? Optional.of("experiment '" + response.getExperimentId() + "' is no longer registered")
        : RecordValidation.problemWith(response, experiment.get());
    if (problem.isPresent()) {
      // the events were checked against the registry when registered; only a changed registry gets here
      LOG.warn("not storing a windowed response: {}", problem.get());
      return Future.succeededFuture(described.put("refused", problem.get()));
    }
    return store.apply(response)
        .map(ack -> {
          run.countResponses(1);
          return described.mergeIn(ack.toJson());
        })
        .recover(failure -> {
          if (failure instanceof HttpError error && error.status() == 409) {
            JsonObject original = error.body();
            original.remove("error");
            return Future.succeededFuture(described.put("duplicate", true).mergeIn(original));
          }
          // the volume is in `scans`, so the next start's replay stores this response
          LOG.warn("a windowed response was not stored: {}", failure.getMessage());
          return Future.succeededFuture(described.put("error", failure.getMessage()));
        });
  }
}
