package org.neuroencode.encoder;

/** Names of the encoder's state stores (each is RocksDB, changelogged). */
public final class StoreNames {
  /** Global copy of the experiments topic. */
  public static final String EXPERIMENTS = "experiments-global";
  /** Features by experimentId/stimulusId/model/layer. */
  public static final String JOIN_FEATURES = "join-features";
  /** Responses by experimentId/stimulusId/subjectId/roi/repetition: every response, so late features still join. */
  public static final String JOIN_RESPONSES = "join-responses";
  /** Records whose experiment is not registered yet, by source topic/partition/offset. */
  public static final String AWAITING_EXPERIMENT = "join-awaiting-experiment";
  /** Per cell and stimulus: features, repetition sums and what was folded into the statistics. */
  public static final String CELL_STIMULI = "cell-stimuli";
  /** Per cell and fold: the sufficient statistics. */
  public static final String CELL_FOLDS = "cell-folds";
  /** Per cell: dimensions, counts and catalogue attributes. */
  public static final String CELL_META = "cell-meta";
  /** Cell/stimulus pairs whose change is not yet folded into the statistics. */
  public static final String CELL_DIRTY = "cell-dirty";

  /** Reducer: raw training features by experimentId/model/layer/stimulusId, until the basis is fitted. */
  public static final String CONNECTIVITY_ROWS = "connectivity-rows";
  public static final String CONNECTIVITY_PENDING = "connectivity-pending";
  public static final String REDUCER_TRAINING = "reducer-training";
  /** Reducer: training stimuli stored so far, by experimentId/model/layer. */
  public static final String REDUCER_COUNTS = "reducer-counts";
  /**
   * Reducer: features waiting for a basis (test stimuli) or for their experiment to be registered, by
   * experimentId/model/layer/stimulusId, with when they were first seen.
   */
  public static final String REDUCER_WAITING = "reducer-waiting";
  /** Reducer: the frozen basis (a FeatureBasisRecord) by experimentId/model/layer. */
  public static final String REDUCER_BASES = "reducer-bases";

  private StoreNames() {}
}
