package org.neuroencode.app.serve;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.neuroencode.core.schema.RunVolume;
import org.neuroencode.core.schema.ScanRecord;
import org.neuroencode.core.schema.Tensor;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.core.validation.RecordValidation;
import org.neuroencode.ingest.timeseries.ResponseWindower;

/**
 * POST /v1/experiments/{exp}/subjects/{sub}/volumes?run=R&tr=T: volume T (0-based) of a run whose events are
 * registered, as JSON or NPY: the subject's ROI voxels, the ROIs one after the other in the registry's order. It
 * is recorded in `scans`, then goes through the run's windower; the reply (202) lists the responses it completed.
 */
final class VolumesHandler implements Handler<RoutingContext> {
  private final ServeState state;

  VolumesHandler(ServeState state) {
    this.state = state;
  }

  @Override
  public void handle(RoutingContext ctx) {
    LiveRuns.RunKey key = LiveRuns.RunKey.of(ctx, ctx.queryParams().get("run"));
    int index = volumeIndex(ctx.queryParams().get("tr"));
    Tensor values = ResponseBody.decode(ctx.request().getHeader("Content-Type"), ctx.body().buffer());
    if (state.registry().find(key.experimentId()).isEmpty()) {
      throw new HttpError(404, "unknown experiment '" + key.experimentId() + "'");
    }
    LiveRun run = state.runs().find(key).orElseThrow(() -> new HttpError(404, "run " + key
        + " has no events: PUT them to /v1/experiments/" + key.experimentId() + "/subjects/" + key.subjectId() + "/runs/"
        + key.run() + "/events first"));
    RecordValidation.vectorProblem(values, run.layout().total()).ifPresent(problem -> {
      throw new HttpError(422, "volume " + index + " of run " + key + ": " + problem + " (ROIs " + run.layout() + ")");
    });
    if (!run.windower().claim(index)) {
      throw new HttpError(409, "volume " + index + " of run " + key + " is already stored");
    }
    ScanRecord record = ScanRecord.newBuilder().setExperimentId(key.experimentId()).setSubjectId(key.subjectId())
        .setRun(key.run()).setVolume(new RunVolume(index, values)).setReceivedAtMs(System.currentTimeMillis()).build();
    var context = ctx.vertx().getOrCreateContext();
    state.publisher().send(context, Topics.SCANS, key.toString(), record)
        .recover(failure -> {
          run.windower().release(index);
          return Future.failedFuture(new HttpError(503, "Kafka did not acknowledge the volume: " + failure.getMessage()));
        })
        .compose(ack -> VolumeDelivery.deliver(key, run, index, values, state.registry().find(key.experimentId()),
            response -> state.storeOnce(context, response)).map(responses -> ack.toJson().put("responses", responses)))
        .onSuccess(reply -> Replies.json(ctx, 202, reply))
        .onFailure(ctx::fail);
  }

  private static int volumeIndex(String value) {
    if (value == null) {
      throw new HttpError(400, "missing tr: the volume's index in the run (0 for the first)");
    }
    try {
      int index = Integer.parseInt(value);
      if (index >= 0 && index <= ResponseWindower.MAX_VOLUME) {
        return index;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new HttpError(400, "tr '" + value + "' is not a volume index in 0.." + ResponseWindower.MAX_VOLUME);
  }
}
