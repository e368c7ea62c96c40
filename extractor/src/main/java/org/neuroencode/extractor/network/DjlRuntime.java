package org.neuroencode.extractor.network;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DJL engines, set up to run offline: {@code ai.djl.offline=true}, so DJL never downloads anything and
 * libtorch comes from the pytorch-native jar on the classpath (OnnxRuntime's from its jar). PyTorch reads
 * its thread counts once, when it loads, so they are set here before the first model.
 */
public final class DjlRuntime {
  public static final String PYTORCH = "PyTorch";
  public static final String ONNX_RUNTIME = "OnnxRuntime";
  private static final Logger LOG = LoggerFactory.getLogger(DjlRuntime.class);
  private static boolean pytorchLoaded;

  private DjlRuntime() {}

  /** The engine, loaded with the settings' thread counts when this is its first use in the JVM. */
  public static synchronized Engine engine(String name, RuntimeSettings settings) {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    if (System.getProperty("ai.djl.default_engine") == null) {
      // blocks compute their output shapes on the default engine, which must be a full one
      System.setProperty("ai.djl.default_engine", PYTORCH);
    }
    if (PYTORCH.equals(name)) {
      if (!pytorchLoaded) {
        setIfPositive("ai.djl.pytorch.num_interop_threads", settings.interOpThreads());
        setIfPositive("ai.djl.pytorch.num_threads", settings.intraOpThreads());
      }
      Engine engine = loaded(name);
      pytorchLoaded = true;
      if (settings.intraOpThreads() > 0 && JniUtils.getNumThreads() != settings.intraOpThreads()) {
        JniUtils.setNumThreads(settings.intraOpThreads()); // intra-op threads may change at any time
      }
      if (settings.interOpThreads() > 0 && JniUtils.getNumInteropThreads() != settings.interOpThreads()) {
        LOG.warn("PyTorch keeps {} inter-op threads: they are fixed when it first loads in a JVM",
            JniUtils.getNumInteropThreads());
      }
      return engine;
    }
    return loaded(name);
  }

  public static Device device(String engineName, RuntimeSettings settings) {
    return settings.device().resolve(engine(engineName, settings).getGpuCount(), engineName);
  }

  private static Engine loaded(String name) {
    try {
      return Engine.getEngine(name);
    } catch (RuntimeException e) {
      throw new ModelLoadException("the " + name + " engine does not load (its native library must come from the "
          + "Maven jars; DJL runs offline): " + e.getMessage(), e);
    }
  }

  private static void setIfPositive(String property, int value) {
    if (value > 0) {
      System.setProperty(property, String.valueOf(value));
    }
  }
}
