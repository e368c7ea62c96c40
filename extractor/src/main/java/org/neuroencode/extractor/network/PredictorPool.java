package org.neuroencode.extractor.network;

import ai.djl.inference.Predictor;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** One predictor per worker thread (DJL predictors are not thread-safe), all closed together. */
public final class PredictorPool implements AutoCloseable {
  private final TappedNetwork network;
  private final Queue<Predictor<ClipBatch, LayerBatch>> created = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<Predictor<ClipBatch, LayerBatch>> perThread;

  public PredictorPool(TappedNetwork network) {
    this.network = network;
    this.perThread = ThreadLocal.withInitial(() -> {
      Predictor<ClipBatch, LayerBatch> predictor = network.newPredictor();
      created.add(predictor);
      return predictor;
    });
  }

  public LayerBatch run(ClipBatch batch) {
    return TappedNetwork.run(perThread.get(), batch, network.entry().id());
  }

  /** Predictors created so far: one per thread that ran a batch. */
  public int predictors() {
    return created.size();
  }

  @Override
  public void close() {
    Predictor<ClipBatch, LayerBatch> predictor;
    while ((predictor = created.poll()) != null) {
      predictor.close();
    }
  }
}
