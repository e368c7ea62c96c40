package org.neuroencode.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuroencode.core.topic.TopicAdmin;
import org.neuroencode.extractor.FeatureModel;
import org.neuroencode.extractor.catalogue.ModelCatalogue;
import org.neuroencode.extractor.catalogue.ModelEntry;
import org.neuroencode.extractor.models.FeatureModels;
import org.neuroencode.extractor.models.MotionEnergyModel;
import org.neuroencode.extractor.stage.ExtractorStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "extract", mixinStandardHelpOptions = true,
    description = "Run the extractor: decode every stimulus video and publish the layer features of each chosen "
        + "catalogue model (motion energy by default). Instances share the stimuli's partitions as one consumer group.")
public final class ExtractCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;
  @Mixin NetworkOptions networks;
  @Mixin MotionEnergyOptions motionEnergy;

  @Option(names = "--threads", description = "Videos decoded and batches run in parallel, each worker with its own "
      + "predictor (default: ${DEFAULT-VALUE}).", defaultValue = "2")
  int threads;

  @Option(names = "--preset", paramLabel = "algonauts-devkit",
      description = "algonauts-devkit: AlexNet's 8 layers (a TorchScript export in the catalogue), 16 frames averaged, "
          + "whole layers; run the encoder with the same preset.")
  String preset;

  @Override
  public Integer call() throws Exception {
    Preset chosen = preset == null ? null : Preset.parse(preset);
    ModelCatalogue catalogue = networks.catalogue();
    List<ModelEntry> entries = new ArrayList<>();
    for (String id : networks.modelIds(chosen)) {
      entries.add(catalogue.entry(id));
    }
    List<FeatureModel> models = FeatureModels.createAll(entries, networks.runtime(), networks.reduction(chosen),
        entry -> entry.id().equals(MotionEnergyModel.ID) ? motionEnergy.model()
            : new MotionEnergyModel(entry.id(), motionEnergy.config()));
    TopicAdmin.ensureTopics(kafka.settings(), (short) 1);
    ExtractorStage stage = new ExtractorStage(kafka.settings(), models, threads, networks.featureStore);
    Thread worker = new Thread(stage, "extractor");
    worker.start();
    return RunUntilStopped.await("extractor", () -> {
      stage.stop();
      worker.join(30_000);
      stage.close();
      models.forEach(FeatureModel::close);
    });
  }
}
