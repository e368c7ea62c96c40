package org.neuroencode.app.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.neuroencode.extractor.catalogue.ModelCatalogue;
import org.neuroencode.extractor.network.DeviceSetting;
import org.neuroencode.extractor.network.RuntimeSettings;
import org.neuroencode.extractor.reduction.FeatureReduction;
import picocli.CommandLine.Option;

/** Which catalogue models the extractor runs, and how DJL runs the networks among them. */
public final class NetworkOptions {
  @Option(names = "--model", paramLabel = "ID[,ID...]", split = ",",
      description = "Catalogue models to run (`neuroencode models list`; default: motion-energy, or the preset's).")
  List<String> models;

  @Option(names = "--catalogue", paramLabel = "DIR",
      description = "A folder of model files (JSON or YAML, one per model) that adds to and overrides the default "
          + "catalogue; relative network paths resolve against it.")
  Path catalogue;

  @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto",
      description = "Where networks run; auto takes a GPU when the engine sees one (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "1",
      description = "Clips per forward pass (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--interop-threads", paramLabel = "N", defaultValue = "0",
      description = "Engine threads running independent operators; 0 keeps the engine's default (default: ${DEFAULT-VALUE}).")
  int interOpThreads;

  @Option(names = "--intraop-threads", paramLabel = "N", defaultValue = "0",
      description = "Engine threads inside one operator; 0 keeps the engine's default (default: ${DEFAULT-VALUE}).")
  int intraOpThreads;

  @Option(names = "--reduction", paramLabel = "pool[:G]|project:K[:SEED]|none",
      description = "How a layer becomes a vector: average pooling to a GxG grid (default pool:2), a seeded sparse "
          + "random projection to K dimensions, or the whole layer.")
  String reduction;

  @Option(names = "--feature-store", paramLabel = "DIR", defaultValue = "neuroencode-data/feature-store",
      description = "Where vectors too large for a Kafka record are written (claim check); the encoder must see the "
          + "same path (default: ${DEFAULT-VALUE}).")
  Path featureStore;

  ModelCatalogue catalogue() {
    return catalogue == null ? ModelCatalogue.defaults() : ModelCatalogue.withUserCatalogue(catalogue);
  }

  List<String> modelIds(Preset preset) {
    if (models != null && !models.isEmpty()) {
      return models.stream().map(String::trim).filter(id -> !id.isEmpty()).toList();
    }
    return preset == null ? List.of("motion-energy") : Arrays.asList(preset.models().split(","));
  }

  FeatureReduction reduction(Preset preset) {
    return FeatureReduction.parse(reduction != null ? reduction : preset != null ? preset.reduction() : "pool:2");
  }

  RuntimeSettings runtime() {
    return RuntimeSettings.defaults().withDevice(DeviceSetting.parse(device)).withBatchSize(batch)
        .withThreads(interOpThreads, intraOpThreads);
  }
}
