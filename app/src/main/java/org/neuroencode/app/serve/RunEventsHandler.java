package org.neuroencode.app.serve;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.neuroencode.core.schema.RunSchedule;
import org.neuroencode.core.schema.ScanRecord;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.SubjectSpec;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.core.validation.ExperimentIndex;
import org.neuroencode.ingest.timeseries.EventsTable;
import org.neuroencode.ingest.timeseries.RoiLayout;
import org.neuroencode.ingest.timeseries.StimulusEvent;
import org.neuroencode.ingest.timeseries.TrWindow;

/**
 * PUT /v1/experiments/{exp}/subjects/{sub}/runs/{run}/events?tr=SECONDS[&window=5-9][&stimulusColumn=C]: a run's
 * BIDS events.tsv, registered before its volumes. Repetitions go on from the subject's other runs. The schedule is
 * recorded in `scans` before the answer (201); the same events again answer 200, different ones 409.
 */
final class RunEventsHandler implements Handler<RoutingContext> {
  private final ServeState state;

  RunEventsHandler(ServeState state) {
    this.state = state;
  }

  @Override
  public void handle(RoutingContext ctx) {
    LiveRuns.RunKey key = LiveRuns.RunKey.of(ctx, ctx.pathParam("run"));
    double tr = trSeconds(ctx.queryParams().get("tr"));
    TrWindow window = window(ctx.queryParams().get("window"));
    String text = ctx.body().buffer() == null ? "" : ctx.body().buffer().toString(StandardCharsets.UTF_8);
    if (text.isBlank()) {
      throw new HttpError(400, "the request has no body: send the run's events.tsv");
    }
    ExperimentIndex experiment = state.registry().find(key.experimentId())
        .orElseThrow(() -> new HttpError(404, "unknown experiment '" + key.experimentId() + "'"));
    SubjectSpec subject = experiment.experiment().getSubjects().stream()
        .filter(s -> s.getSubjectId().equals(key.subjectId())).findFirst()
        .orElseThrow(() -> new HttpError(422, "unknown subject '" + key.subjectId() + "' in experiment '" + key.experimentId() + "'"));
    List<StimulusEvent> events;
    try {
      events = EventsTable.parse(text, "events of run " + key.run(), ctx.queryParams().get("stimulusColumn"),
          state.runs().counter(key));
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, e.getMessage());
    }
    for (StimulusEvent event : events) {
      problem(event, experiment).ifPresent(problem -> {
        throw new HttpError(422, "events of run " + key.run() + ": " + problem);
      });
    }
    RunSchedule schedule = LiveRun.schedule(events, tr, window, RoiLayout.of(subject.getRois()));
    LiveRun run = new LiveRun(schedule, experiment);
    Optional<LiveRun> earlier = state.runs().claim(key, run);
    if (earlier.isPresent()) {
      if (!earlier.get().sameSchedule(schedule)) {
        throw new HttpError(409, "run " + key + " has other events registered already");
      }
      Replies.json(ctx, 200, describe(earlier.get()).put("unchanged", true));
      return;
    }
    ScanRecord record = ScanRecord.newBuilder().setExperimentId(key.experimentId()).setSubjectId(key.subjectId())
        .setRun(key.run()).setEvents(schedule).setReceivedAtMs(System.currentTimeMillis()).build();
    state.publisher().send(ctx.vertx().getOrCreateContext(), Topics.SCANS, key.toString(), record)
        .onSuccess(ack -> Replies.json(ctx, 201, describe(run).mergeIn(ack.toJson())))
        .onFailure(failure -> {
          state.runs().release(key, run);
          ctx.fail(new HttpError(503, "Kafka did not acknowledge the run's events: " + failure.getMessage()));
        });
  }

  private static Optional<String> problem(StimulusEvent event, ExperimentIndex experiment) {
    Optional<Split> split = experiment.split(event.stimulusId());
    if (split.isEmpty()) {
      return Optional.of("stimulus '" + event.stimulusId() + "' at " + event.onsetSeconds()
          + " s is not in the experiment's stimulus set");
    }
    int repetitions = experiment.repetitions(split.get());
    if (event.repetition() >= repetitions) {
      return Optional.of("stimulus '" + event.stimulusId() + "' at " + event.onsetSeconds() + " s would be repetition "
          + event.repetition() + ", beyond the " + repetitions + " the registry expects for a "
          + split.get().toString().toLowerCase() + " stimulus");
    }
    return Optional.empty();
  }

  /** The run's windows, so the scanner side knows which volumes complete which response. */
  private static JsonObject describe(LiveRun run) {
    JsonArray windows = new JsonArray();
    double tr = run.schedule().getTrSeconds();
    for (StimulusEvent event : run.events()) {
      windows.add(new JsonObject().put("stimulus", event.stimulusId()).put("repetition", event.repetition())
          .put("onset", event.onsetSeconds())
          .put("firstVolume", run.window().firstVolume(event.onsetSeconds(), tr))
          .put("lastVolume", run.window().lastVolume(event.onsetSeconds(), tr)));
    }
    return new JsonObject().put("trSeconds", tr).put("window", run.window().toString())
        .put("voxelsPerVolume", run.layout().total()).put("rois", new JsonArray(run.layout().rois())).put("events", windows);
  }

  private static double trSeconds(String value) {
    if (value == null) {
      throw new HttpError(400, "missing tr: the run's repetition time in seconds");
    }
    try {
      double tr = Double.parseDouble(value);
      if (tr > 0 && Double.isFinite(tr)) {
        return tr;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new HttpError(400, "tr '" + value + "' is not a positive number of seconds");
  }

  private static TrWindow window(String value) {
    try {
      return value == null ? TrWindow.BOLD_MOMENTS : TrWindow.parse(value);
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, e.getMessage());
    }
  }
}
