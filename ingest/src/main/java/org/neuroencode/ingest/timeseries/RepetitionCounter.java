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

  /** The next repetition of the stimulus, counted as used. */
  public int next(String stimulusId) {
    return next.merge(stimulusId, 1, Integer::sum) - 1;
  }

  /** Records an explicitly numbered repetition. */
  public void observe(String stimulusId, int repetition) {
    next.merge(stimulusId, repetition + 1, Math::max);
  }

  /** Presentations counted so far. */
  public int count(String stimulusId) {
    return next.getOrDefault(stimulusId, 0);
  }

  public RepetitionCounter copy() {
    RepetitionCounter copy = new RepetitionCounter();
    copy.next.putAll(next);
    return copy;
  }
}
