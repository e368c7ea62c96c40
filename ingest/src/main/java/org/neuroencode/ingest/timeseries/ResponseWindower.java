package org.neuroencode.ingest.timeseries;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns one run's volumes, arriving one TR at a time, into per-event responses: an event's response is emitted by
 * the call that delivers the last missing volume of its window, and never again.
 *
 * <p>Policies, for a live scanner feed:
 * <ul>
 *   <li><b>Out of order:</b> volumes may arrive in any order; a window completes when all its volumes are in.</li>
 *   <li><b>Duplicates:</b> a volume index can be delivered once; {@link #claim} refuses a second (the caller answers
 *       409), and {@link #accept} of an index already held fails.</li>
 *   <li><b>Memory:</b> a volume is kept only while an event still waits for it; volumes no pending window needs
 *       are not stored at all.</li>
 *   <li><b>Exactness:</b> the mean is summed in volume order, in double, whatever the arrival order, so the live
 *       path gives bit for bit the responses of the batch path on the same volumes.</li>
 *   <li><b>A window past the run's end</b> never completes: {@link #pending()} lists those events.</li>
 * </ul>
 * Thread-safe: the methods are synchronized.
 */
public final class ResponseWindower {
  /** A run of 2^20 volumes lasts 6 days at TR 0.5 s; larger indices are typing errors, not scans. */
  public static final int MAX_VOLUME = 1 << 20;
  private final int voxels;
  private final List<Pending> waiting = new ArrayList<>();
  /** For each volume index, how many pending events still need it. */
  private final Map<Integer, Integer> demand = new HashMap<>();
  private final TreeMap<Integer, double[]> held = new TreeMap<>();
  /** Reserved by {@link #claim} or delivered. */
  private final BitSet claimed = new BitSet();
  private final BitSet delivered = new BitSet();

  private static final class Pending {
    final StimulusEvent event;
    final int first;
    final int last;
    int missing;

    Pending(StimulusEvent event, int first, int last) {
      this.event = event;
      this.first = first;
      this.last = last;
      this.missing = last - first + 1;
    }
  }

  /**
   * @param events the run's events (their order decides the emission order of windows completing together)
   * @param voxels values per volume
   */
  public ResponseWindower(List<StimulusEvent> events, TrWindow window, double trSeconds, int voxels) {
    if (voxels < 1) {
      throw new IllegalArgumentException("a volume needs at least one voxel");
    }
    this.voxels = voxels;
    for (StimulusEvent event : events) {
      Pending pending = new Pending(event, window.firstVolume(event.onsetSeconds(), trSeconds),
          window.lastVolume(event.onsetSeconds(), trSeconds));
      waiting.add(pending);
      for (int t = pending.first; t <= pending.last; t++) {
        demand.merge(t, 1, Integer::sum);
      }
    }
  }

  public int voxels() {
    return voxels;
  }

  /** Reserves a volume index before its volume is recorded elsewhere; false when it was delivered already. */
  public synchronized boolean claim(int volume) {
    requireIndex(volume);
    if (claimed.get(volume)) {
      return false;
    }
    claimed.set(volume);
    return true;
  }

  /** Gives an index back when recording its volume failed, so the sender can retry. */
  public synchronized void release(int volume) {
    if (!delivered.get(volume)) {
      claimed.clear(volume);
    }
  }

  public synchronized boolean has(int volume) {
    return volume >= 0 && claimed.get(volume);
  }

  /**
   * Delivers volume {@code volume} (claimed by this caller or not yet claimed) and returns the responses it
   * completes, in event order; the array is copied.
   *
   * @throws IllegalArgumentException for a negative index, a wrong voxel count, or an index delivered before
   */
  public synchronized List<WindowedResponse> accept(int volume, double[] values) {
    requireIndex(volume);
    if (values.length != voxels) {
      throw new IllegalArgumentException("volume " + volume + " has " + values.length + " values, the run's ROIs " + voxels);
    }
    if (delivered.get(volume)) {
      throw new IllegalArgumentException("volume " + volume + " was delivered already");
    }
    claimed.set(volume);
    delivered.set(volume);
    if (!demand.containsKey(volume)) {
      return List.of();
    }
    held.put(volume, values.clone());
    List<WindowedResponse> completed = new ArrayList<>();
    for (var it = waiting.iterator(); it.hasNext(); ) {
      Pending pending = it.next();
      if (volume < pending.first || volume > pending.last || --pending.missing > 0) {
        continue;
      }
      it.remove();
      completed.add(new WindowedResponse(pending.event, pending.first, pending.last, mean(pending)));
      for (int t = pending.first; t <= pending.last; t++) {
        if (demand.merge(t, -1, Integer::sum) == 0) {
          demand.remove(t);
          held.remove(t);
        }
      }
    }
    return completed;
  }

  /** Events still waiting for volumes, in event order. */
  public synchronized List<StimulusEvent> pending() {
    return waiting.stream().map(p -> p.event).toList();
  }

  /** Volumes held for pending windows. */
  public synchronized int heldVolumes() {
    return held.size();
  }

  private double[] mean(Pending pending) {
    double[] sum = new double[voxels];
    for (int t = pending.first; t <= pending.last; t++) {
      double[] values = held.get(t);
      for (int v = 0; v < voxels; v++) {
        sum[v] += values[v];
      }
    }
    int count = pending.last - pending.first + 1;
    for (int v = 0; v < voxels; v++) {
      sum[v] /= count;
    }
    return sum;
  }

  private static void requireIndex(int volume) {
    if (volume < 0 || volume > MAX_VOLUME) {
      throw new IllegalArgumentException("volume index " + volume + " is outside 0.." + MAX_VOLUME);
    }
  }
}
