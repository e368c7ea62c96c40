package org.neuroencode.extractor.models;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.neuroencode.extractor.FeatureModel;
import org.neuroencode.extractor.catalogue.ModelCatalogue;
import org.neuroencode.extractor.catalogue.ModelEntry;
import org.neuroencode.extractor.motion.MotionEnergyConfig;
import org.neuroencode.extractor.network.RuntimeSettings;
import org.neuroencode.extractor.reduction.FeatureReduction;

/** Builds the feature models of catalogue entries: motion energy, or a network through DJL. */
public final class FeatureModels {
  private FeatureModels() {}

  /** The default motion-energy pyramid for a motion-energy entry, else its network. */
  public static FeatureModel create(ModelEntry entry, RuntimeSettings settings, FeatureReduction reduction) {
    return createAll(List.of(entry), settings, reduction,
        motion -> new MotionEnergyModel(motion.id(), MotionEnergyConfig.defaults())).get(0);
  }

  /**
   * All of them, or none: a model that fails to load closes the ones already loaded. Motion-energy entries
   * are built by {@code motionEnergy} (the command line has options for the pyramid).
   */
  public static List<FeatureModel> createAll(List<ModelEntry> entries, RuntimeSettings settings,
      FeatureReduction reduction, Function<ModelEntry, FeatureModel> motionEnergy) {
    List<FeatureModel> models = new ArrayList<>();
    try {
      for (ModelEntry entry : entries) {
        models.add(ModelCatalogue.isMotionEnergy(entry) ? motionEnergy.apply(entry)
            : NetworkFeatureModel.load(entry, settings, reduction));
      }
      return models;
    } catch (RuntimeException e) {
      models.forEach(FeatureModel::close);
      throw e;
    }
  }
}
