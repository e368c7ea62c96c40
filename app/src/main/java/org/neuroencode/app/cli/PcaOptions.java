package org.neuroencode.app.cli;

import picocli.CommandLine.Option;

/** The feature reduction of the encoder: a StandardScaler + PCA basis per (model, layer), fitted on the training stimuli. */
public final class PcaOptions {
  @Option(names = "--pca", paramLabel = "K|none",
      description = "Reduce each (model, layer) to K principal components (after standardization) fitted on the training "
          + "stimuli only, and encode the reduced features; 'none' encodes the raw features (default: ${DEFAULT-VALUE}). "
          + "The Algonauts devkit uses 100.",
      defaultValue = "none")
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
