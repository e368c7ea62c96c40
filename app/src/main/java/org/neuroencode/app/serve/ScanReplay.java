package org.neuroencode.app.serve;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.schema.ScanRecord;
import org.neuroencode.core.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the live runs from `scans` at start: every run's schedule, then its volumes through its windower, in
 * the order they were recorded. Responses completed on the way are stored once, so those already in `responses`
 * are skipped and those whose volume was recorded just before a crash are stored now: no volume is lost.
 * The cost is reading the whole topic at each start (memory stays one volume plus the open windows per run).
 */
final class ScanReplay {
  private static final Logger LOG = LoggerFactory.getLogger(ScanReplay.class);

  private ScanReplay() {}

  static void replay(KafkaSettings kafka, ServeState state, Context context, Duration timeout) throws Exception {
    List<Future<?>> stores = new ArrayList<>();
    int[] records = {0};
    TopicTail<ScanRecord> tail = TopicTail.start(kafka, Topics.SCANS, (record, where) -> {
      records[0]++;
      Future<?> stored = apply(record, state, context);
      if (stored != null) {
        synchronized (stores) {
          stores.add(stored);
        }
      }
    });
    try {
      tail.awaitCaughtUp(timeout);
    } finally {
      tail.close();
    }
    List<Future<?>> all;
    synchronized (stores) {
      all = List.copyOf(stores);
    }
    Future.join(all).toCompletionStage().toCompletableFuture().get(timeout.toSeconds(), TimeUnit.SECONDS);
    if (records[0] > 0) {
      LOG.info("replayed {} scans records", records[0]);
    }
  }

  private static Future<?> apply(ScanRecord record, ServeState state, Context context) {
    LiveRuns.RunKey key = new LiveRuns.RunKey(record.getExperimentId(), record.getSubjectId(), record.getRun());
    var experiment = state.registry().find(key.experimentId());
    if (record.getEvents() != null) {
      if (experiment.isEmpty()) {
        LOG.warn("scans: run {} belongs to no registered experiment; its volumes are ignored", key);
        return null;
      }
      LiveRun schedule;
      try {
        schedule = new LiveRun(record.getEvents(), experiment.get());
      } catch (RuntimeException e) {
        LOG.error("scans: the events of run {} cannot be scheduled ({}); its volumes are ignored", key, e.getMessage());
        return null;
      }
      // a later events record of a run without volumes yet is the one the live service used: a client whose
      // first PUT failed on its side may have registered other events again
      state.runs().claim(key, schedule).filter(earlier -> earlier.volumes() == 0)
          .ifPresent(earlier -> state.runs().replace(key, earlier, schedule));
      return null;
    }
    LiveRun run = state.runs().find(key).orElse(null);
    if (run == null || record.getVolume() == null) {
      LOG.warn("scans: a volume of run {} without its events; ignored", key);
      return null;
    }
    try {
      return VolumeDelivery.deliver(key, run, record.getVolume().getIndex(), record.getVolume().getValues(), experiment,
          response -> state.storeOnce(context, response));
    } catch (IllegalArgumentException e) {
      LOG.warn("scans: volume {} of run {}: {}; ignored", record.getVolume().getIndex(), key, e.getMessage());
      return null;
    }
  }
}
