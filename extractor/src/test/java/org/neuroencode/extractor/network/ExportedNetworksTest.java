package org.neuroencode.extractor.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.core.io.Npy;
import org.neuroencode.core.io.NpyArray;
import org.neuroencode.core.testing.FixtureScripts;
import org.neuroencode.extractor.catalogue.Family;
import org.neuroencode.extractor.catalogue.InputSpec;
import org.neuroencode.extractor.catalogue.ModelEntry;
import org.neuroencode.extractor.catalogue.Source;
import org.neuroencode.extractor.preprocess.ClipTensor;
import org.neuroencode.extractor.reduction.Activation;

/**
 * Networks written by torch itself (scripts/fixtures/make_torch_networks.py, Debian's python3-torch): a
 * TorchScript file returning a dict of four layers in another order than declared, and its ONNX export,
 * compared with the outputs torch computed for the same input.
 */
class ExportedNetworksTest {
  private static final List<String> LAYERS = List.of("stem", "block", "pool", "head");
  @TempDir static Path fixtures;

  @BeforeAll
  static void writeNetworks() throws Exception {
    FixtureScripts.run(Duration.ofSeconds(180), "make_torch_networks.py", fixtures.toString());
  }

  private static ModelEntry entry(Source.Type type, String file, List<String> layers, Map<String, List<Integer>> shapes) {
    return new ModelEntry("tiny3d", new Source(type, fixtures.resolve(file).toString(), null, null), false, layers,
        shapes, new InputSpec("NCTHW", 4, null, 16, 16, "none", null, null),
        new Family("video", "conv", false, "supervised", "single", "none"));
  }

  /** The fixture's input, two clips of [3, 4, 16, 16]. */
  private static ClipBatch fixtureInput() throws Exception {
    NpyArray input = Npy.read(fixtures.resolve("input.npy"));
    int perClip = input.values().length / 2;
    List<List<ClipTensor>> clips = new ArrayList<>();
    for (int clip = 0; clip < 2; clip++) {
      float[] values = new float[perClip];
      for (int i = 0; i < perClip; i++) {
        values[i] = (float) input.values()[clip * perClip + i];
      }
      clips.add(List.of(new ClipTensor(values, new int[] {3, 4, 16, 16})));
    }
    return new ClipBatch(clips);
  }

  private static void assertMatchesTorch(ModelEntry entry) throws Exception {
    try (TappedNetwork network = NetworkLoader.load(entry, RuntimeSettings.defaults());
        var predictor = network.newPredictor()) {
      LayerBatch outputs = TappedNetwork.run(predictor, fixtureInput(), entry.id());
      for (String layer : LAYERS) {
        NpyArray expected = Npy.read(fixtures.resolve("expected_" + layer + ".npy"));
        int perClip = expected.values().length / 2;
        for (int clip = 0; clip < 2; clip++) {
          Activation actual = outputs.activation(layer, clip);
          assertArrayEquals(Arrays.copyOfRange(expected.shape(), 1, expected.shape().length), actual.shape(), layer);
          for (int i = 0; i < perClip; i++) {
            double want = expected.values()[clip * perClip + i];
            assertEquals(want, actual.values()[i], 1e-5 + 1e-5 * Math.abs(want), layer + " clip " + clip + " value " + i);
          }
        }
      }
    }
  }

  @Test
  void shouldMatchTorchScriptDictOutputsByNameWhateverTheirOrder() throws Exception {
    assertMatchesTorch(entry(Source.Type.TORCHSCRIPT, "tiny3d.pt", LAYERS, Map.of()));
  }

  @Test
  void shouldRunTheOnnxExportWithOnnxRuntimeAndMatchItsNamedOutputs() throws Exception {
    assertMatchesTorch(entry(Source.Type.ONNX, "tiny3d.onnx", LAYERS, Map.of()));
  }

  @Test
  void shouldFailAtLoadTimeNamingALayerTheTorchScriptFileLacks() {
    ModelEntry entry = entry(Source.Type.TORCHSCRIPT, "tiny3d.pt", List.of("stem", "layer5"), Map.of());
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> NetworkLoader.load(entry, RuntimeSettings.defaults()));
    assertTrue(e.getMessage().contains("'layer5'") && e.getMessage().contains("tiny3d.pt"), e.getMessage());
    assertTrue(e.getMessage().contains("stem") && e.getMessage().contains("head"), "lists the outputs: " + e.getMessage());
  }

  @Test
  void shouldFailAtLoadTimeWhenALayerShapeDiffersFromTheCatalogue() {
    ModelEntry entry = entry(Source.Type.TORCHSCRIPT, "tiny3d.pt", LAYERS, Map.of("pool", List.of(9)));
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> NetworkLoader.load(entry, RuntimeSettings.defaults()));
    assertTrue(e.getMessage().contains("pool is [8], declared [9]"), e.getMessage());
  }

  @Test
  void shouldExplainAMissingNetworkFile() {
    ModelEntry entry = entry(Source.Type.TORCHSCRIPT, "alexnet.pt", LAYERS, Map.of());
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> NetworkLoader.load(entry, RuntimeSettings.defaults()));
    assertTrue(e.getMessage().contains("alexnet.pt does not exist") && e.getMessage().contains("export_torchvision.py"),
        e.getMessage());
  }
}
