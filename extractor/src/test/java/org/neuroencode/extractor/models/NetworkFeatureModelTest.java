package org.neuroencode.extractor.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuroencode.extractor.FeatureModel;
import org.neuroencode.extractor.catalogue.ModelCatalogue;
import org.neuroencode.extractor.catalogue.ModelEntry;
import org.neuroencode.extractor.network.RuntimeSettings;
import org.neuroencode.extractor.reduction.FeatureReduction;
import org.neuroencode.extractor.video.ColourClips;

/** Decode, preprocess and features on real H.264 mp4 files, through the catalogue's built-in networks. */
class NetworkFeatureModelTest {

  @Test
  void shouldTurnAnH264Mp4IntoPooledLayerFeatures() throws Exception {
    byte[] mp4 = ColourClips.driftingMp4(96, 72, 20, 15);
    ModelEntry entry = ModelCatalogue.defaults().entry("untrained-slowfast");
    try (NetworkFeatureModel model = NetworkFeatureModel.load(entry, RuntimeSettings.defaults(),
        FeatureReduction.parse("pool:2"))) {
      Map<String, double[]> features = model.extract(mp4);
      assertEquals(entry.layers(), List.copyOf(features.keySet()));
      assertEquals(32 * 4, features.get("stem_slow").length);
      assertEquals(80, features.get("pool").length);
      for (double[] layer : features.values()) {
        for (double v : layer) {
          assertTrue(Double.isFinite(v));
        }
      }
      assertEquals("true", model.attributes().get("untrained"));
      assertEquals("two", model.attributes().get("streams"));
      assertEquals("pool:2", model.attributes().get("reduction"));
    }
  }

  @Test
  void shouldGiveTheSameFeaturesBatchedAsOneByOneAndFailOnlyTheBadVideos() throws Exception {
    byte[] first = ColourClips.driftingMp4(64, 64, 12, 15);
    byte[] second = org.neuroencode.extractor.video.VideoCodec.encodeMp4(
        ColourClips.drifting(80, 64, 10, 15, 5, 1));
    byte[] tooShort = ColourClips.driftingMp4(64, 64, 4, 15);
    byte[] corrupt = "not a video".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ModelEntry entry = ModelCatalogue.defaults().entry("untrained-image-cnn");
    RuntimeSettings batched = RuntimeSettings.defaults().withBatchSize(4);
    try (NetworkFeatureModel model = NetworkFeatureModel.load(entry, batched, FeatureReduction.parse("project:32"))) {
      List<FeatureModel.Extraction> results = model.extractAll(List.of(first, tooShort, second, corrupt));
      assertTrue(results.get(0).succeeded() && results.get(2).succeeded());
      assertTrue(results.get(1).failure().contains("too short"), results.get(1).failure());
      assertTrue(results.get(3).failure().contains("cannot decode"), results.get(3).failure());
      Map<String, double[]> alone = model.extract(second);
      for (String layer : entry.layers()) {
        assertArrayEquals(alone.get(layer), results.get(2).layers().get(layer), 1e-5, layer);
      }
      assertFalse(java.util.Arrays.equals(results.get(0).layers().get("pool"), results.get(2).layers().get("pool")));
    }
  }
}
