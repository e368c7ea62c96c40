package org.neuroencode.ingest.synthetic;

import java.util.List;
import org.neuroencode.core.ids.Ids;

/**
 * Everything that determines a synthetic experiment; the same spec and seed give the same bytes.
 *
 * @param testFraction share of stimuli in the test split (Algonauts 2021: 102 of 1,102)
 * @param nullFraction share of each ROI's voxels that carry no signal at all
 * @param coupling the directed ROI→ROI coupling; its ROIs are those of {@code rois}, in the same order
 * @param noise how the measurement noise is shared across voxels and ROIs
 */
public record SyntheticSpec(
    String experimentId,
    int videos,
    int subjects,
    double testFraction,
    Truth truth,
    long seed,
    List<RoiPlan> rois,
    int trainRepetitions,
    int testRepetitions,
    double nullFraction,
    Coupling coupling,
    NoiseSpec noise) {

  public SyntheticSpec {
    Ids.require("experiment id", experimentId);
    if (videos < 10) {
      throw new IllegalArgumentException("a synthetic experiment needs at least 10 videos, not " + videos);
    }
    if (subjects < 1) {
      throw new IllegalArgumentException("a synthetic experiment needs at least one subject");
    }
    if (testFraction < 0 || testFraction >= 0.5) {
      throw new IllegalArgumentException("the test fraction must be in [0, 0.5), not " + testFraction);
    }
    rois = List.copyOf(rois);
    if (!coupling.rois().equals(roiNames(rois))) {
      throw new IllegalArgumentException("the coupling's ROIs " + coupling.rois() + " are not the experiment's "
          + roiNames(rois));
    }
  }

  /** The visual-hierarchy coupling at strength 1 and the default correlated noise. */
  public SyntheticSpec(String experimentId, int videos, int subjects, double testFraction, Truth truth, long seed,
      List<RoiPlan> rois, int trainRepetitions, int testRepetitions, double nullFraction) {
    this(experimentId, videos, subjects, testFraction, truth, seed, rois, trainRepetitions, testRepetitions,
        nullFraction, Coupling.cortical(roiNames(rois), 1.0), NoiseSpec.defaults());
  }

  /** Algonauts 2021 holds out 102 of its 1,102 videos. */
  public static final double ALGONAUTS_TEST_FRACTION = 102.0 / 1102.0;

  public static SyntheticSpec defaults(String experimentId, int videos, int subjects, Truth truth, long seed) {
    return new SyntheticSpec(experimentId, videos, subjects, ALGONAUTS_TEST_FRACTION, truth, seed,
        RoiPlan.algonautsDefaults(1.0), 3, 10, 0.2);
  }

  /** The same experiment with the coupling scaled to this strength (0: none). */
  public SyntheticSpec withCouplingStrength(double strength) {
    return withCoupling(coupling.withStrength(strength));
  }

  public SyntheticSpec withCoupling(Coupling other) {
    return new SyntheticSpec(experimentId, videos, subjects, testFraction, truth, seed, rois, trainRepetitions,
        testRepetitions, nullFraction, other, noise);
  }

  public SyntheticSpec withNoise(NoiseSpec other) {
    return new SyntheticSpec(experimentId, videos, subjects, testFraction, truth, seed, rois, trainRepetitions,
        testRepetitions, nullFraction, coupling, other);
  }

  public SyntheticSpec withTruth(Truth other) {
    return new SyntheticSpec(experimentId, videos, subjects, testFraction, other, seed, rois, trainRepetitions,
        testRepetitions, nullFraction, coupling, noise);
  }

  public int testVideos() {
    return (int) Math.round(videos * testFraction);
  }

  public boolean isTest(int stimulusIndex) {
    return stimulusIndex >= videos - testVideos();
  }

  /** Repetitions of a stimulus: those of its split. */
  public int repetitions(int stimulusIndex) {
    return isTest(stimulusIndex) ? testRepetitions : trainRepetitions;
  }

  public String stimulusId(int index) {
    return String.format("vid%05d", index);
  }

  public String subjectId(int index) {
    return String.format("sub%02d", index + 1);
  }

  private static List<String> roiNames(List<RoiPlan> rois) {
    return rois.stream().map(RoiPlan::name).toList();
  }
}
