package org.neuroencode.extractor.network;

import ai.djl.Device;

/**
 * Where networks run. {@code auto} takes the first GPU the engine sees and falls back to the CPU;
 * {@code gpu} insists on one, so that a misconfigured machine fails loudly instead of running slowly.
 */
public enum DeviceSetting {
  AUTO, CPU, GPU;

  public static DeviceSetting parse(String text) {
    for (DeviceSetting setting : values()) {
      if (setting.name().equalsIgnoreCase(text.trim())) {
        return setting;
      }
    }
    throw new IllegalArgumentException("--device must be auto, cpu or gpu, not '" + text + "'");
  }

  /** The device for an engine that sees {@code gpuCount} GPUs. */
  public Device resolve(int gpuCount, String engine) {
    return switch (this) {
      case CPU -> Device.cpu();
      case AUTO -> gpuCount > 0 ? Device.gpu() : Device.cpu();
      case GPU -> {
        if (gpuCount < 1) {
          throw new ModelLoadException("--device gpu: the " + engine + " engine sees no GPU (the default build bundles "
              + "the CPU libtorch; build with -Pcuda on a CUDA machine, or use --device auto)");
        }
        yield Device.gpu();
      }
    };
  }
}
