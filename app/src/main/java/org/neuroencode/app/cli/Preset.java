package org.neuroencode.app.cli;

/**
 * Named settings that reproduce a published pipeline. Each option a preset sets still wins when given on the
 * command line.
 */
public enum Preset {
  /**
   * The Algonauts 2021 devkit: AlexNet's 8 layers on 16 evenly spaced frames resized to 224 x 224 with
   * ImageNet normalisation, each layer's activations averaged over the frames and kept whole; then per layer
   * StandardScaler and PCA to 100 components fitted on the training stimuli, and least squares (alpha 0).
   */
  ALGONAUTS_DEVKIT("algonauts-devkit", "alexnet", "none", "100", "0");

  private final String label;
  private final String models;
  private final String reduction;
  private final String pca;
  private final String alphas;

  Preset(String label, String models, String reduction, String pca, String alphas) {
    this.label = label;
    this.models = models;
    this.reduction = reduction;
    this.pca = pca;
    this.alphas = alphas;
  }

  public static Preset parse(String text) {
    for (Preset preset : values()) {
      if (preset.label.equalsIgnoreCase(text.trim())) {
        return preset;
      }
    }
    throw new IllegalArgumentException("--preset must be algonauts-devkit, not '" + text + "'");
  }

  public String models() {
    return models;
  }

  public String reduction() {
    return reduction;
  }

  public String pca() {
    return pca;
  }

  public String alphas() {
    return alphas;
  }
}
