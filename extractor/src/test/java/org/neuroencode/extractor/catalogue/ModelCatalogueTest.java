package org.neuroencode.extractor.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.extractor.builtin.BuiltinNetworks;
import org.neuroencode.extractor.models.MotionEnergyModel;

class ModelCatalogueTest {
  @TempDir Path dir;

  private static final String R3D = """
      {
        "id": "r3d_18",
        "source": {"type": "torchscript", "path": "r3d_18.pt"},
        "untrained": false,
        "layers": ["layer1", "layer2", "layer3", "layer4"],
        "layerShapes": {"layer1": [64, 16, 56, 56]},
        "input": {"layout": "NCTHW", "frames": 16, "frameStride": null, "size": 112, "crop": 112,
                  "normalization": "kinetics", "slowFast": null},
        "family": {"modality": "video", "arch": "conv", "multiscale": false, "supervision": "supervised",
                   "streams": "single", "pretraining": "kinetics400"}
      }
      """;

  @Test
  void shouldShipMotionEnergyTheBuiltInNetworksAndTheDevkitsAlexNet() {
    ModelCatalogue catalogue = ModelCatalogue.defaults();
    List<String> ids = catalogue.entries().stream().map(ModelEntry::id).toList();
    assertTrue(ids.containsAll(List.of("motion-energy", "untrained-image-cnn", "untrained-video-cnn",
        "untrained-slowfast", "untrained-video-transformer", "alexnet")), ids.toString());
    List<String> builtinNames = catalogue.entries().stream().filter(e -> e.source().type() == Source.Type.BUILTIN)
        .map(e -> e.source().name()).filter(name -> !name.equals("motion-energy")).sorted().toList();
    assertEquals(BuiltinNetworks.names(), builtinNames);
    catalogue.entries().stream().filter(e -> e.id().startsWith("untrained-"))
        .forEach(e -> assertTrue(e.untrained(), e.id() + " must be labelled untrained"));
    assertEquals(ModelCatalogue.DEFAULT_MODELS_DIR.resolve("alexnet.pt").toAbsolutePath().normalize(),
        catalogue.entry("alexnet").source().file());
  }

  @Test
  void shouldDescribeMotionEnergyAsTheModelDoes() {
    Map<String, String> fromModel = new MotionEnergyModel().attributes();
    ModelCatalogue.defaults().entry("motion-energy").attributes()
        .forEach((key, value) -> assertEquals(fromModel.get(key), value, key));
  }

  @Test
  void shouldReadAUserCatalogueResolvingPathsAgainstItsFolderAndOverrideDefaultsById() throws Exception {
    Files.writeString(dir.resolve("r3d_18.json"), R3D);
    Files.writeString(dir.resolve("alexnet.yaml"), """
        id: alexnet
        source: {type: torchscript, path: exports/alexnet.pt}
        untrained: false
        layers: [features_2, classifier_6]
        input: {layout: NCHW, frames: 16, size: 224, crop: 224, normalization: imagenet, resize: exact}
        family: {modality: image, arch: conv, multiscale: false, supervision: supervised, streams: single,
                 pretraining: imagenet}
        """);
    ModelCatalogue catalogue = ModelCatalogue.withUserCatalogue(dir);
    ModelEntry r3d = catalogue.entry("r3d_18");
    assertEquals(dir.resolve("r3d_18.pt").toAbsolutePath(), r3d.source().file());
    assertEquals(List.of(64, 16, 56, 56), r3d.layerShapes().get("layer1"));
    assertEquals("kinetics400", r3d.attributes().get("pretraining"));
    assertEquals(List.of("features_2", "classifier_6"), catalogue.entry("alexnet").layers());
    assertEquals(dir.resolve("exports/alexnet.pt").toAbsolutePath(), catalogue.entry("alexnet").source().file());
    assertTrue(catalogue.entries().stream().anyMatch(e -> e.id().equals("motion-energy")));
  }

  @Test
  void shouldRejectBadEntriesNamingTheFileAndTheProblem() throws Exception {
    assertRejected(R3D.replace("\"untrained\"", "\"untrainde\""), "unknown field 'untrainde'");
    assertRejected(R3D.replace("\"layers\": [\"layer1\", \"layer2\", \"layer3\", \"layer4\"]", "\"layers\": []"),
        "layers are missing");
    assertRejected(R3D.replace("\"modality\": \"video\"", "\"modality\": \"audio\""), "family.modality");
    assertRejected(R3D.replace("\"crop\": 112", "\"crop\": 128"), "crop <= size");
    assertRejected(R3D.replace("\"slowFast\": null", "\"slowFast\": {\"alpha\": 5}"), "slowFast.alpha");
    assertRejected(R3D.replace("\"torchscript\"", "\"keras\""), "torchscript, onnx or builtin");
  }

  private void assertRejected(String json, String expected) throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, json);
    CatalogueException e = assertThrows(CatalogueException.class, () -> ModelCatalogue.load(file));
    assertTrue(e.getMessage().contains(expected) && e.getMessage().contains("bad.json"), e.getMessage());
  }
}
