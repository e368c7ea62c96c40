package org.neuroencode.extractor.network;

/**
 * How networks run.
 *
 * @param device auto, cpu or gpu
 * @param interOpThreads threads that run independent operators in parallel; 0 keeps the engine's default.
 *     PyTorch takes it once per JVM, before its first model.
 * @param intraOpThreads threads inside one operator (a convolution); 0 keeps the engine's default
 * @param batchSize clips per forward pass
 * @param warmupRuns forward passes on zeros at load time: they check the layers and shapes, and take the
 *     JIT's slow first calls out of the measured and served path
 */
public record RuntimeSettings(DeviceSetting device, int interOpThreads, int intraOpThreads, int batchSize,
    int warmupRuns) {

  public RuntimeSettings {
    if (interOpThreads < 0 || intraOpThreads < 0) {
      throw new IllegalArgumentException("thread counts must be positive, or 0 for the engine's default");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch must be at least 1, not " + batchSize);
    }
    if (warmupRuns < 1) {
      throw new IllegalArgumentException("at least one warm-up run is needed: it checks the declared layers");
    }
  }

  public static RuntimeSettings defaults() {
    return new RuntimeSettings(DeviceSetting.AUTO, 0, 0, 1, 2);
  }

  public RuntimeSettings withBatchSize(int size) {
    return new RuntimeSettings(device, interOpThreads, intraOpThreads, size, warmupRuns);
  }

  public RuntimeSettings withDevice(DeviceSetting setting) {
    return new RuntimeSettings(setting, interOpThreads, intraOpThreads, batchSize, warmupRuns);
  }

  public RuntimeSettings withThreads(int interOp, int intraOp) {
    return new RuntimeSettings(device, interOp, intraOp, batchSize, warmupRuns);
  }
}
