package org.neuroencode.ingest.synthetic;

import java.util.List;
import org.neuroencode.core.ids.Ids;

/**
 * Everything that determines a synthetic experiment; the same spec and seed give the same bytes.
 *
 * @param testFraction share of stimuli in the test split (Algonauts 2021: 102 of 1,102)
 * @param nullFraction share of each ROI's voxels that carry no signal at all
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
    double nullFraction) {

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
  }

  /** Algonauts 2021 holds out 102 of its 1,102 videos. */
  public static final double ALGONAUTS_TEST_FRACTION = 102.0 / 1102.0;

  public static SyntheticSpec defaults(String experimentId, int videos, int subjects, Truth truth, long seed) {
    return new SyntheticSpec(experimentId, videos, subjects, ALGONAUTS_TEST_FRACTION, truth, seed,
        RoiPlan.algonautsDefaults(1.0), 3, 10, 0.2);
  }

  public int testVideos() {
    return (int) Math.round(videos * testFraction);
  }

  public boolean isTest(int stimulusIndex) {
    return stimulusIndex >= videos - testVideos();
  }

  public String stimulusId(int index) {
    return String.format("vid%05d", index);
  }

  public String subjectId(int index) {
    return String.format("sub%02d", index + 1);
  }
}
