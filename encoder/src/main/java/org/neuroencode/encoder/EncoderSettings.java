package org.neuroencode.encoder;

import java.time.Duration;
import org.neuroencode.encoder.connectivity.ConnectivitySettings;
import org.neuroencode.encoder.reduction.PcaSettings;
import org.neuroencode.encoder.ridge.RidgeSettings;

/**
 * What the encoder topology is built with.
 *
 * @param runId scopes outputs, so that a replay with other settings never mixes with an earlier run
 * @param folds K of the (nested) K-fold cross-validation
 * @param solveInterval how often dirty cells are re-solved (wall clock)
 * @param unknownExperimentGrace how long a record may wait for its experiment to be registered
 * @param pcaComponents components of the StandardScaler + PCA basis fitted per (model, layer) on the training
 *     stimuli (the reducer sub-topology), or 0 for none: the raw features are encoded as they are
 * @param voxelBlockSize ROIs with more voxels are encoded as several cells of at most this many voxels, so
 *     that each cell's state and snapshot stay bounded (whole-brain data has around 100k voxels)
 * @param connectivity stage 2 (the connectivity priors) and layer fusion, per (subject, model)
 */
public record EncoderSettings(
    String runId,
    int folds,
    RidgeSettings ridge,
    Duration solveInterval,
    Duration unknownExperimentGrace,
    int pcaComponents,
    int voxelBlockSize,
    ConnectivitySettings connectivity) {

  /** Ten log-spaced alphas from 1e-2 to 1e5, as in the benchmarks against himalaya. */
  public static final String DEFAULT_ALPHAS = "1e-2:1e5:10";

  /**
   * 100 components, as in the Algonauts devkit (StandardScaler then PCA-100 fitted on the training stimuli). A
   * layer gets fewer where it has fewer features or its experiment fewer training stimuli: see
   * {@link org.neuroencode.encoder.reduction.PcaFitter}.
   */
  public static final int DEFAULT_PCA_COMPONENTS = PcaSettings.DEFAULT_COMPONENTS;

  /** 2,048 voxels of 1,000 features are 16 MiB of coefficients: inside the 32 MiB record limit. */
  public static final int DEFAULT_VOXEL_BLOCK = 2048;

  public EncoderSettings {
    if (voxelBlockSize < 1) {
      throw new IllegalArgumentException("the voxel block size must be at least 1; got " + voxelBlockSize);
    }
    if (pcaComponents < 0) {
      throw new IllegalArgumentException("PCA components must be at least 1, or 0 for none; got " + pcaComponents);
    }
  }

  /** Five folds, the default alphas, PCA to {@link #DEFAULT_PCA_COMPONENTS} components ({@code withPca(0)} for raw features). */
  public static EncoderSettings defaults(String runId) {
    return new EncoderSettings(runId, 5, RidgeSettings.parse(DEFAULT_ALPHAS), Duration.ofSeconds(2),
        Duration.ofMinutes(2), DEFAULT_PCA_COMPONENTS, DEFAULT_VOXEL_BLOCK,
        ConnectivitySettings.defaults());
  }

  /** Whether the reducer fits a basis per (model, layer) and only the reduced features are encoded. */
  public boolean pcaEnabled() {
    return pcaComponents > 0;
  }

  public EncoderSettings withSolveInterval(Duration interval) {
    return new EncoderSettings(runId, folds, ridge, interval, unknownExperimentGrace, pcaComponents, voxelBlockSize, connectivity);
  }

  public EncoderSettings withRidge(RidgeSettings settings) {
    return new EncoderSettings(runId, folds, settings, solveInterval, unknownExperimentGrace, pcaComponents, voxelBlockSize, connectivity);
  }

  public EncoderSettings withFolds(int k) {
    return new EncoderSettings(runId, k, ridge, solveInterval, unknownExperimentGrace, pcaComponents, voxelBlockSize, connectivity);
  }

  public EncoderSettings withUnknownExperimentGrace(Duration grace) {
    return new EncoderSettings(runId, folds, ridge, solveInterval, grace, pcaComponents, voxelBlockSize, connectivity);
  }

  /** @param components components of the basis, or 0 for no reduction */
  public EncoderSettings withPca(int components) {
    return new EncoderSettings(runId, folds, ridge, solveInterval, unknownExperimentGrace, components, voxelBlockSize, connectivity);
  }

  public EncoderSettings withConnectivity(ConnectivitySettings settings) {
    return new EncoderSettings(runId, folds, ridge, solveInterval, unknownExperimentGrace, pcaComponents, voxelBlockSize,
        settings);
  }

  public EncoderSettings withVoxelBlockSize(int voxels) {
    return new EncoderSettings(runId, folds, ridge, solveInterval, unknownExperimentGrace, pcaComponents, voxels, connectivity);
  }
}
