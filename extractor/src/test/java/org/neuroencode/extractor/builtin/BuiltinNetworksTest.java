package org.neuroencode.extractor.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.neuroencode.extractor.catalogue.ModelCatalogue;
import org.neuroencode.extractor.catalogue.ModelEntry;
import org.neuroencode.extractor.catalogue.Source;
import org.neuroencode.extractor.network.ClipBatch;
import org.neuroencode.extractor.network.LayerBatch;
import org.neuroencode.extractor.network.NetworkLoader;
import org.neuroencode.extractor.network.PredictorPool;
import org.neuroencode.extractor.network.RuntimeSettings;
import org.neuroencode.extractor.network.TappedNetwork;
import org.neuroencode.extractor.preprocess.ClipShapes;
import org.neuroencode.extractor.preprocess.ClipTensor;
import org.neuroencode.extractor.reduction.Activation;

class BuiltinNetworksTest {
  private static final List<String> NETWORK_IDS = List.of("untrained-image-cnn", "untrained-video-cnn",
      "untrained-slowfast", "untrained-video-transformer");

  /** A clip of smooth pseudo-random values, the same for the same seed. */
  private static ClipBatch clip(ModelEntry entry, long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    List<ClipTensor> pathways = new ArrayList<>();
    for (int[] shape : ClipShapes.of(entry.input())) {
      ClipTensor zeros = ClipTensor.zeros(shape);
      float[] values = zeros.values();
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) random.nextGaussian();
      }
      pathways.add(new ClipTensor(values, shape));
    }
    return new ClipBatch(List.of(pathways));
  }

  private static ModelEntry withSeed(ModelEntry entry, long seed) {
    Source source = entry.source();
    return entry.withSource(new Source(source.type(), source.path(), source.name(), seed));
  }

  private static LayerBatch run(ModelEntry entry, ClipBatch batch) {
    try (TappedNetwork network = NetworkLoader.load(entry, RuntimeSettings.defaults());
        var predictor = network.newPredictor()) {
      return TappedNetwork.run(predictor, batch, entry.id());
    }
  }

  @Test
  void shouldTapEveryCatalogueLayerWithItsDeclaredShape() {
    for (String id : NETWORK_IDS) {
      ModelEntry entry = ModelCatalogue.defaults().entry(id);
      assertEquals(entry.layers(), BuiltinNetworks.layers(entry.source().name()), id);
      LayerBatch outputs = run(entry, clip(entry, 1));
      for (String layer : entry.layers()) {
        int[] declared = entry.layerShapes().get(layer).stream().mapToInt(Integer::intValue).toArray();
        Activation activation = outputs.activation(layer, 0);
        assertArrayEquals(declared, activation.shape(), id + "/" + layer);
        float[] values = activation.values();
        assertTrue(finiteAndVarying(values), id + "/" + layer + " is constant or not finite");
      }
    }
  }

  private static boolean finiteAndVarying(float[] values) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      if (!Float.isFinite(v)) {
        return false;
      }
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return max > min;
  }

  @Test
  void shouldGiveBitIdenticalFeaturesForTheSameSeedAndOthersForAnotherSeed() {
    for (String id : NETWORK_IDS) {
      ModelEntry entry = ModelCatalogue.defaults().entry(id);
      ClipBatch input = clip(entry, 2);
      LayerBatch first = run(entry, input);
      LayerBatch second = run(entry, input);
      LayerBatch reseeded = run(withSeed(entry, 99), input);
      String last = entry.layers().get(entry.layers().size() - 1);
      for (String layer : entry.layers()) {
        assertArrayEquals(first.activation(layer, 0).values(), second.activation(layer, 0).values(), id + "/" + layer);
      }
      assertFalse(Arrays.equals(first.activation(last, 0).values(), reseeded.activation(last, 0).values()), id);
    }
  }

  @Test
  void shouldGiveTheSameFeaturesOnEveryWorkerThreadWithAPredictorEach() throws Exception {
    ModelEntry entry = ModelCatalogue.defaults().entry("untrained-video-cnn");
    ClipBatch input = clip(entry, 3);
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try (TappedNetwork network = NetworkLoader.load(entry, RuntimeSettings.defaults());
        PredictorPool pool = new PredictorPool(network)) {
      List<Future<LayerBatch>> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        results.add(threads.submit(() -> pool.run(input)));
      }
      float[] reference = results.get(0).get().activation("pool", 0).values();
      for (Future<LayerBatch> result : results) {
        assertArrayEquals(reference, result.get().activation("pool", 0).values());
      }
      assertTrue(pool.predictors() >= 1 && pool.predictors() <= 3, "one predictor per thread: " + pool.predictors());
    } finally {
      threads.shutdownNow();
    }
  }
}
