package org.neuroencode.extractor.models;

import java.util.ArrayList;
import java.util.List;
import org.neuroencode.extractor.FeatureModel;
import org.neuroencode.extractor.catalogue.ModelCatalogue;
import org.neuroencode.extractor.catalogue.ModelEntry;
import org.neuroencode.extractor.network.RuntimeSettings;
import org.neuroencode.extractor.reduction.FeatureReduction;

/** Builds the feature models of catalogue entries: motion energy, or a network through DJL. */
public final class FeatureModels {
  private FeatureModels() {}

  public static FeatureModel create(ModelEntry entry, RuntimeSettings settings, FeatureReduction reduction) {
    if (ModelCatalogue.isMotionEnergy(entry)) {
      return new MotionEnergyModel(entry.id(), org.neuroencode.extractor.motion.MotionEnergyConfig.defaults());
    }
    return NetworkFeatureModel.load(entry, settings, reduction);
  }

  /** All of them, or none: a model that fails to load closes the ones already loaded. */
  public static List<FeatureModel> createAll(List<ModelEntry> entries, RuntimeSettings settings,
      FeatureReduction reduction) {
    List<FeatureModel> models = new ArrayList<>();
    try {
      for (ModelEntry entry : entries) {
        models.add(create(entry, settings, reduction));
      }
      return models;
    } catch (RuntimeException e) {
      models.forEach(FeatureModel::close);
      throw e;
    }
  }
}
