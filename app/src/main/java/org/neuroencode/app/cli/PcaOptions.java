package org.neuroencode.app.cli;

import org.neuroencode.encoder.EncoderSettings;
import picocli.CommandLine.Option;

/**
 * The feature reduction of the encoder: a StandardScaler + PCA basis per (model, layer), fitted on the training stimuli
 * (100 components by default, as in the Algonauts devkit; {@code none} turns it off).
 */
public final class PcaOptions {
  @Option(names = "--pca", paramLabel = "K|none",
      description = "Reduce each (model, layer) to K principal components (after standardization) fitted on the training "
          + "stimuli only, and encode the reduced features (default: ${DEFAULT-VALUE}, as in the Algonauts devkit); "
          + "'none' encodes the raw features. A layer gets at most min(K, p, n_train - 1) components, so a layer of "
          + "p <= K features or an experiment of few training stimuli loses nothing (see docs/ARCHITECTURE.md).",
      defaultValue = "" + EncoderSettings.DEFAULT_PCA_COMPONENTS)
  String pca;

  /** Components, or 0 for none. */
  public int components() {
    String value = pca == null ? "none" : pca.trim().toLowerCase();
    if (value.equals("none") || value.equals("off")) {
      return 0;
    }
    int k;
    try {
      k = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--pca must be a number of components or 'none', not '" + pca + "'");
    }
    if (k < 1) {
      throw new IllegalArgumentException("--pca must be at least 1 (or 'none'), not " + k);
    }
    return k;
  }
}
