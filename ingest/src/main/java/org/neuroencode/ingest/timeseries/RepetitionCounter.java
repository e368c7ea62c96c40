package org.neuroencode.ingest.timeseries;

import java.util.HashMap;
import java.util.Map;

/**
 * Numbers the presentations of each stimulus to one subject across runs: the first is repetition 0, and each
 * later one, in run order and then onset order, the next number. A repetition given explicitly (an events.tsv
 * repetition column) is kept, and later numbering continues after the largest one seen.
 */
public final class RepetitionCounter {
  private final Map<String, Integer> next = new HashMap<>();
  /** Every (stimulus, repetition) numbered so far, so that an explicit number cannot reuse an earlier run's. */
  private final java.util.Set<String> used = new java.util.HashSet<>();

  /** The next repetition of the stimulus, counted as used. */
  public int next(String stimulusId) {
    int repetition = next.merge(stimulusId, 1, Integer::sum) - 1;
    used.add(stimulusId + "#" + repetition);
    return repetition;
  }

  /** Records an explicitly numbered repetition. */
  public void observe(String stimulusId, int repetition) {
    next.merge(stimulusId, repetition + 1, Math::max);
    used.add(stimulusId + "#" + repetition);
  }

  /** Whether this repetition of the stimulus was already numbered (in this run or an earlier one). */
  public boolean isUsed(String stimulusId, int repetition) {
    return used.contains(stimulusId + "#" + repetition);
  }

  /** Presentations counted so far. */
  public int count(String stimulusId) {
    return next.getOrDefault(stimulusId, 0);
  }

  public RepetitionCounter copy() {
    RepetitionCounter copy = new RepetitionCounter();
    copy.next.putAll(next);
    copy.used.addAll(used);
    return copy;
  }
}
