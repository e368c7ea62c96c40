package org.neuroencode.extractor.network;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neuroencode.extractor.builtin.BuiltinNetworks;
import org.neuroencode.extractor.catalogue.InputSpec;
import org.neuroencode.extractor.catalogue.ModelEntry;
import org.neuroencode.extractor.catalogue.Source;
import org.neuroencode.extractor.preprocess.ClipShapes;
import org.neuroencode.extractor.reduction.Activation;

/**
 * Loads a catalogue entry's network: a TorchScript file with the PyTorch engine, an ONNX file with
 * OnnxRuntime (both through DJL's {@link Criteria}), or a built-in DJL block initialised from its seed.
 * Loading ends with warm-up passes on zeros, which check that every declared layer comes out (a network
 * that lacks one fails here, naming it) with its declared shape.
 */
public final class NetworkLoader {
  /** TorchScript networks with two pathways take them as one List[Tensor] argument (pytorchvideo's SlowFast). */
  static final String PATHWAY_LIST = "pathways[]";
  /** Engine.setRandomSeed is global to the engine: initialisations must not interleave. */
  private static final Object SEEDED_INITIALISATION = new Object();

  private NetworkLoader() {}

  public static TappedNetwork load(ModelEntry entry, RuntimeSettings settings) {
    if (entry.input() == null) {
      throw new ModelLoadException("model " + entry.id() + " (" + entry.source() + ") is not a network");
    }
    if (entry.source().type() != Source.Type.BUILTIN) {
      requireFile(entry);
    }
    String engine = entry.source().type() == Source.Type.ONNX ? DjlRuntime.ONNX_RUNTIME : DjlRuntime.PYTORCH;
    Device device = DjlRuntime.device(engine, settings);
    boolean twoPathwaysAsList = entry.source().type() == Source.Type.TORCHSCRIPT && entry.input().twoPathways();
    LayerTapTranslator translator = new LayerTapTranslator(entry.layers(), entry.input().imageModel(),
        twoPathwaysAsList ? PATHWAY_LIST : null);
    Model model = switch (entry.source().type()) {
      case TORCHSCRIPT, ONNX -> loadFile(entry, engine, device, translator, settings);
      case BUILTIN -> buildBlock(entry, device);
    };
    TappedNetwork network = new TappedNetwork(entry, model, translator);
    try {
      warmUp(network, settings.warmupRuns());
      return network;
    } catch (RuntimeException e) {
      network.close();
      throw e;
    }
  }

  private static Model loadFile(ModelEntry entry, String engine, Device device, LayerTapTranslator translator,
      RuntimeSettings settings) {
    Path file = entry.source().file();
    String kind = kind(entry);
    Criteria.Builder<ClipBatch, LayerBatch> criteria = Criteria.builder()
        .setTypes(ClipBatch.class, LayerBatch.class)
        .optModelPath(file)
        .optEngine(engine)
        .optDevice(device)
        .optTranslator(translator);
    if (entry.source().type() == Source.Type.TORCHSCRIPT) {
      criteria.optOption("mapLocation", "true"); // a file saved on a GPU loads on the CPU
    } else {
      if (settings.interOpThreads() > 0) {
        criteria.optOption("interOpNumThreads", String.valueOf(settings.interOpThreads()));
      }
      if (settings.intraOpThreads() > 0) {
        criteria.optOption("intraOpNumThreads", String.valueOf(settings.intraOpThreads()));
      }
    }
    try {
      return criteria.build().loadModel();
    } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
      throw new ModelLoadException("model " + entry.id() + ": cannot load " + kind + " file " + file + ": "
          + firstLine(e), e);
    }
  }

  private static String kind(ModelEntry entry) {
    return entry.source().type() == Source.Type.ONNX ? "ONNX" : "TorchScript";
  }

  private static void requireFile(ModelEntry entry) {
    Path file = entry.source().file();
    if (!Files.isRegularFile(file)) {
      throw new ModelLoadException("model " + entry.id() + ": " + kind(entry) + " file " + file + " does not exist "
          + "(export it with scripts/export_torchvision.py on a machine with the weights, and pass --catalogue DIR)");
    }
  }

  private static Model buildBlock(ModelEntry entry, Device device) {
    Block block;
    try {
      block = BuiltinNetworks.create(entry.source().name());
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException("model " + entry.id() + ": " + e.getMessage(), e);
    }
    Model model = Model.newInstance(entry.id(), device, DjlRuntime.PYTORCH);
    model.setBlock(block);
    List<int[]> clipShapes = ClipShapes.of(entry.input());
    Shape[] inputShapes = new Shape[clipShapes.size()];
    for (int i = 0; i < inputShapes.length; i++) {
      int[] shape = clipShapes.get(i);
      // an image network's clip is a batch of frames already; a video network's gets a batch of one
      long[] withBatch = entry.input().imageModel() ? toLong(shape) : prepend(1, shape);
      inputShapes[i] = new Shape(withBatch);
    }
    synchronized (SEEDED_INITIALISATION) {
      Engine.getEngine(DjlRuntime.PYTORCH).setRandomSeed(entry.source().seed().intValue());
      block.initialize(model.getNDManager(), DataType.FLOAT32, inputShapes);
    }
    return model;
  }

  /** Runs zeros through a fresh predictor, checking the layers and their declared shapes. */
  private static void warmUp(TappedNetwork network, int runs) {
    ModelEntry entry = network.entry();
    ClipBatch zeros = new ClipBatch(List.of(ClipShapes.zeros(entry.input())));
    try (Predictor<ClipBatch, LayerBatch> predictor = network.newPredictor()) {
      for (int run = 0; run < runs; run++) {
        LayerBatch outputs = TappedNetwork.run(predictor, zeros, entry.id());
        checkShapes(entry, outputs);
      }
    } catch (LayerTapTranslator.MissingLayerException missing) {
      throw new ModelLoadException("model " + entry.id() + " (" + entry.source() + "): declares layer '"
          + missing.layer() + "' but " + missing.getMessage(), missing);
    }
  }

  private static void checkShapes(ModelEntry entry, LayerBatch outputs) {
    List<String> wrong = new ArrayList<>();
    entry.layerShapes().forEach((layer, declared) -> {
      Activation activation = outputs.activation(layer, 0);
      int[] expected = declared.stream().mapToInt(Integer::intValue).toArray();
      if (!Arrays.equals(expected, activation.shape())) {
        wrong.add(layer + " is " + activation.shapeText() + ", declared " + declared);
      }
    });
    if (!wrong.isEmpty()) {
      throw new ModelLoadException("model " + entry.id() + " (" + entry.source() + "): layer shapes differ from the "
          + "catalogue for its input " + Arrays.deepToString(ClipShapes.of(entry.input()).toArray()) + ": " + wrong);
    }
  }

  private static long[] toLong(int[] shape) {
    return Arrays.stream(shape).asLongStream().toArray();
  }

  private static long[] prepend(long first, int[] shape) {
    long[] out = new long[shape.length + 1];
    out[0] = first;
    for (int i = 0; i < shape.length; i++) {
      out[i + 1] = shape[i];
    }
    return out;
  }

  private static String firstLine(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    String message = String.valueOf(cause.getMessage());
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
