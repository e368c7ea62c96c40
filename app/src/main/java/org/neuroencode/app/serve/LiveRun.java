package org.neuroencode.app.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.neuroencode.core.schema.RunSchedule;
import org.neuroencode.core.schema.ScheduledEvent;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.validation.ExperimentIndex;
import org.neuroencode.ingest.timeseries.ResponseWindower;
import org.neuroencode.ingest.timeseries.RoiLayout;
import org.neuroencode.ingest.timeseries.StimulusEvent;
import org.neuroencode.ingest.timeseries.TrWindow;

/** One live scanner run: its recorded schedule and the windower its volumes go through. */
final class LiveRun {
  private final RunSchedule schedule;
  private final List<StimulusEvent> events;
  private final RoiLayout layout;
  private final ResponseWindower windower;
  private final AtomicInteger volumes = new AtomicInteger();
  private final AtomicInteger responses = new AtomicInteger();

  LiveRun(RunSchedule schedule, ExperimentIndex experiment) {
    this.schedule = schedule;
    this.events = schedule.getEvents().stream().map(event -> new StimulusEvent(event.getStimulusId(),
        event.getOnsetSeconds(), event.getDurationSeconds(), event.getRepetition(),
        experiment.split(event.getStimulusId()).orElse(Split.TRAIN))).toList();
    this.layout = new RoiLayout(schedule.getRois(), schedule.getRoiVoxels().stream().mapToInt(Integer::intValue).toArray());
    this.windower = new ResponseWindower(events, window(), schedule.getTrSeconds(), layout.total());
  }

  /** The schedule of parsed events with their repetitions, the TR and window, and the subject's ROI layout. */
  static RunSchedule schedule(List<StimulusEvent> events, double trSeconds, TrWindow window, RoiLayout layout) {
    List<ScheduledEvent> scheduled = new ArrayList<>();
    for (StimulusEvent event : events) {
      scheduled.add(new ScheduledEvent(event.stimulusId(), event.onsetSeconds(), event.durationSeconds(), event.repetition()));
    }
    List<Integer> voxels = new ArrayList<>();
    for (int count : layout.voxels()) {
      voxels.add(count);
    }
    return new RunSchedule(trSeconds, window.first(), window.last(), layout.rois(), voxels, scheduled);
  }

  /** Whether another schedule lists the same presentations with the same TR and window (repetitions aside). */
  boolean sameSchedule(RunSchedule other) {
    if (other.getTrSeconds() != schedule.getTrSeconds() || other.getWindowFirst() != schedule.getWindowFirst()
        || other.getWindowLast() != schedule.getWindowLast() || other.getEvents().size() != schedule.getEvents().size()) {
      return false;
    }
    for (int i = 0; i < other.getEvents().size(); i++) {
      ScheduledEvent a = other.getEvents().get(i);
      ScheduledEvent b = schedule.getEvents().get(i);
      if (!a.getStimulusId().equals(b.getStimulusId()) || Double.compare(a.getOnsetSeconds(), b.getOnsetSeconds()) != 0
          || Double.compare(a.getDurationSeconds(), b.getDurationSeconds()) != 0) {
        return false;
      }
    }
    return true;
  }

  RunSchedule schedule() {
    return schedule;
  }

  List<StimulusEvent> events() {
    return events;
  }

  TrWindow window() {
    return new TrWindow(schedule.getWindowFirst(), schedule.getWindowLast());
  }

  RoiLayout layout() {
    return layout;
  }

  ResponseWindower windower() {
    return windower;
  }

  void countVolume() {
    volumes.incrementAndGet();
  }

  void countResponses(int count) {
    responses.addAndGet(count);
  }

  int volumes() {
    return volumes.get();
  }

  int responses() {
    return responses.get();
  }
}
