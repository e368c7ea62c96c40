package org.neuroencode.app.cli;

import org.neuroencode.ingest.synthetic.NoiseSpec;
import org.neuroencode.ingest.synthetic.RoiPlan;
import org.neuroencode.ingest.synthetic.SyntheticSpec;
import org.neuroencode.ingest.synthetic.Truth;
import picocli.CommandLine.Option;

/** What a synthetic experiment is made of. */
public final class SyntheticOptions {
  @Option(names = "--videos", description = "Number of videos; 102 in 1,102 are the test split, as in Algonauts 2021 (default: ${DEFAULT-VALUE}).",
      defaultValue = "1102")
  int videos;

  @Option(names = "--subjects", description = "Number of subjects (default: ${DEFAULT-VALUE}).", defaultValue = "2")
  int subjects;

  @Option(names = "--truth", description = "motion-energy (plumbing check), hidden, or null (no stimulus-driven signal, "
      + "only the correlated noise: the null for leakage tests) (default: ${DEFAULT-VALUE}).",
      defaultValue = "hidden")
  String truth;

  @Option(names = "--coupling", paramLabel = "S", description = "Scales the directed ROI-to-ROI coupling (feedforward "
      + "V1>V2>V3>V4>LOC>EBA/FFA/STS at 1, feedback at 0.3); 0 means none (default: ${DEFAULT-VALUE}).",
      defaultValue = "1.0")
  double coupling;

  @Option(names = "--noise-factors", description = "Latent noise factors shared by every voxel of every ROI of a subject "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "" + NoiseSpec.DEFAULT_FACTORS)
  int noiseFactors;

  @Option(names = "--shared-noise", description = "Share of each voxel's noise variance that comes from the shared factors, "
      + "in [0, 1); 0 gives independent noise (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + NoiseSpec.DEFAULT_SHARED_FRACTION)
  double sharedNoise;

  @Option(names = "--seed", description = "Seed of everything random (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  long seed;

  @Option(names = "--voxel-scale", description = "Scales the ROIs' voxel counts (V1 has 120 at 1.0) (default: ${DEFAULT-VALUE}).",
      defaultValue = "1.0")
  double voxelScale;

  @Option(names = "--threads", description = "Threads that render and encode videos (default: ${DEFAULT-VALUE}).",
      defaultValue = "2")
  int threads;

  SyntheticSpec spec(String experimentId) {
    SyntheticSpec defaults = SyntheticSpec.defaults(experimentId, videos, subjects, Truth.parse(truth), seed);
    return new SyntheticSpec(experimentId, videos, subjects, defaults.testFraction(), defaults.truth(), seed,
        RoiPlan.algonautsDefaults(voxelScale), defaults.trainRepetitions(), defaults.testRepetitions(),
        defaults.nullFraction())
        .withCouplingStrength(coupling)
        .withNoise(new NoiseSpec(noiseFactors, sharedNoise));
  }
}
