package org.neuroencode.ingest.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neuroencode.core.math.Pearson;

class GroundTruthTest {
  private static final int STIMULI = 400;
  private static final int FEATURES = 40;
  private static final String SUBJECT = "sub01";

  @Test
  void shouldHitEachRoisTargetAchievableRAtCouplingOne() {
    GroundTruth truth = new GroundTruth(spec(), drivers(3));
    for (SubjectRoiTruth cell : truth.cells()) {
      RoiPlan plan = spec().rois().stream().filter(r -> r.name().equals(cell.roi())).findFirst().orElseThrow();
      assertEquals(plan.achievableR(), cell.meanAchievableR(), 0.06, cell.roi());
    }
  }

  @Test
  void shouldGiveNullVoxelsNoSignalAndTheNullFraction() {
    GroundTruth truth = new GroundTruth(spec(), drivers(3));
    for (SubjectRoiTruth cell : truth.cells()) {
      assertEquals(Math.round(cell.voxels() * 0.2), cell.nullVoxels(), cell.roi());
      for (int j = 0; j < cell.voxels(); j++) {
        if (cell.isNull()[j]) {
          for (double[] row : cell.signal()) {
            assertEquals(0.0, row[j]);
          }
        }
      }
    }
  }

  /** The noise must be independent across stimuli: correlated draws would fake signal or bias null scores. */
  @Test
  void shouldDrawNoiseThatIsUncorrelatedAcrossNeighbouringStimuli() {
    GroundTruth truth = new GroundTruth(spec(), drivers(3));
    SubjectRoiTruth cell = truth.cells().get(0);
    int voxel = firstNull(cell);
    double[] a = new double[STIMULI - 1];
    double[] b = new double[STIMULI - 1];
    for (int s = 0; s < STIMULI - 1; s++) {
      a[s] = truth.response(cell, s, 0)[voxel];
      b[s] = truth.response(cell, s + 1, 0)[voxel];
    }
    assertTrue(Math.abs(Pearson.pearson(a, b)) < 3 / Math.sqrt(STIMULI), "lag-1 correlation " + Pearson.pearson(a, b));
    double[] rep0 = new double[STIMULI];
    double[] rep1 = new double[STIMULI];
    for (int s = 0; s < STIMULI; s++) {
      rep0[s] = truth.response(cell, s, 0)[voxel];
      rep1[s] = truth.response(cell, s, 1)[voxel];
    }
    assertTrue(Math.abs(Pearson.pearson(rep0, rep1)) < 3 / Math.sqrt(STIMULI), "repetition correlation of a null voxel");
  }

  @Test
  void shouldBeDeterministic() {
    GroundTruth one = new GroundTruth(spec(), drivers(3));
    GroundTruth two = new GroundTruth(spec(), drivers(3));
    assertArrayEquals(one.response(one.cells().get(4), 17, 2), two.response(two.cells().get(4), 17, 2));
    assertArrayEquals(one.cells().get(4).weights(), two.cells().get(4).weights());
  }

  @Test
  void shouldGiveEveryRoiItsOwnUncorrelatedUnitVarianceSubspace() {
    GroundTruth truth = new GroundTruth(spec(), drivers(3));
    double[][] drivers = truth.drivers();
    List<double[]> columns = new java.util.ArrayList<>();
    for (RoiSubspace subspace : truth.subspaces()) {
      assertEquals(GroundTruth.SUBSPACE_RANK, subspace.rank());
      for (int k = 0; k < subspace.rank(); k++) {
        double[] column = new double[STIMULI];
        for (int t = 0; t < STIMULI; t++) {
          column[t] = subspace.signal()[t][k];
          double fromWeights = 0;
          for (int i = 0; i < FEATURES; i++) {
            fromWeights += drivers[t][i] * subspace.weights()[i][k];
          }
          assertEquals(column[t], fromWeights, 1e-9, "the signal is the drivers times the weights");
        }
        columns.add(column);
      }
    }
    for (int a = 0; a < columns.size(); a++) {
      for (int b = 0; b < columns.size(); b++) {
        double covariance = 0;
        for (int t = 0; t < STIMULI; t++) {
          covariance += columns.get(a)[t] * columns.get(b)[t] / STIMULI;
        }
        assertEquals(a == b ? 1.0 : 0.0, covariance, 1e-9, "signal components " + a + " and " + b);
      }
    }
  }

  @Test
  void shouldMakeTheLatentTheOwnSignalAtCouplingZero() {
    GroundTruth uncoupled = new GroundTruth(spec().withCouplingStrength(0), drivers(3));
    for (SubjectRoiTruth cell : uncoupled.cells(SUBJECT)) {
      double[][] own = uncoupled.subspace(cell.roi()).signal();
      double[][] latent = uncoupled.latent(cell.roi());
      int rank = GroundTruth.SUBSPACE_RANK;
      for (int t = 0; t < STIMULI; t++) {
        assertArrayEquals(own[t], java.util.Arrays.copyOf(latent[t], rank), cell.roi());
        assertArrayEquals(new double[rank], java.util.Arrays.copyOfRange(latent[t], rank, 2 * rank), cell.roi());
      }
      int voxel = firstSignal(cell);
      for (int t = 0; t < STIMULI; t += 37) {
        assertEquals(RoiSubspaces.dot(own[t], java.util.Arrays.copyOf(cell.readouts()[voxel], rank)),
            cell.signal()[t][voxel], 1e-12, cell.roi());
      }
    }
  }

  /** The coupling adds each source's own signal, weighted, to its targets' signal, and changes nothing else. */
  @Test
  void shouldAddTheSourcesOwnSignalsAndLeaveTheNoiseAlone() {
    GroundTruth coupled = new GroundTruth(spec(), drivers(3));
    GroundTruth uncoupled = new GroundTruth(spec().withCouplingStrength(0), drivers(3));
    Coupling coupling = coupled.coupling();
    for (int target = 0; target < coupling.rois().size(); target++) {
      String roi = coupling.rois().get(target);
      SubjectRoiTruth withCoupling = coupled.cell(SUBJECT, roi);
      SubjectRoiTruth without = uncoupled.cell(SUBJECT, roi);
      int voxel = firstSignal(withCoupling);
      for (int t = 0; t < STIMULI; t += 41) {
        double expected = 0;
        for (int source = 0; source < coupling.rois().size(); source++) {
          double[] sourceOwn = coupled.subspaces().get(source).signal()[t];
          double[] inheritedReadout = java.util.Arrays.copyOfRange(withCoupling.readouts()[voxel],
              GroundTruth.SUBSPACE_RANK, 2 * GroundTruth.SUBSPACE_RANK);
          expected += coupling.weight(source, target) * RoiSubspaces.dot(sourceOwn, inheritedReadout);
        }
        double difference = coupled.response(withCoupling, t, 1)[voxel] - uncoupled.response(without, t, 1)[voxel];
        assertEquals(expected, difference, 1e-9, roi + " stimulus " + t);
      }
    }
    double[][] v2 = coupled.latent("V2");
    double[][] v2Own = coupled.subspace("V2").signal();
    double[][] v1Own = coupled.subspace("V1").signal();
    double[][] v3Own = coupled.subspace("V3").signal();
    for (int t = 0; t < STIMULI; t += 13) {
      for (int k = 0; k < GroundTruth.SUBSPACE_RANK; k++) {
        assertEquals(v2Own[t][k], v2[t][k], 1e-12);
        assertEquals(Coupling.FEEDFORWARD * v1Own[t][k] + Coupling.FEEDBACK * v3Own[t][k],
            v2[t][GroundTruth.SUBSPACE_RANK + k], 1e-12);
      }
    }
  }

  @Test
  void shouldCorrelateTheNoiseAcrossRoisAsTheLoadingsSay() {
    GroundTruth truth = new GroundTruth(spec(), drivers(3));
    double[][] empirical = roiMeanNoiseCorrelations(truth);
    double[][] expected = expectedRoiMeanNoiseCorrelations(truth);
    double meanExpected = 0;
    int pairs = 0;
    for (int a = 0; a < expected.length; a++) {
      for (int b = a + 1; b < expected.length; b++) {
        assertEquals(expected[a][b], empirical[a][b], 0.12, "ROIs " + a + " and " + b);
        meanExpected += expected[a][b];
        pairs++;
      }
    }
    meanExpected /= pairs;
    int trials = STIMULI * 3;
    assertTrue(meanExpected > 5 / Math.sqrt(trials), "noise is shared across ROIs: mean correlation " + meanExpected);

    GroundTruth independent = new GroundTruth(spec().withNoise(NoiseSpec.independent()), drivers(3));
    double[][] none = roiMeanNoiseCorrelations(independent);
    for (int a = 0; a < none.length; a++) {
      for (int b = a + 1; b < none.length; b++) {
        assertTrue(Math.abs(none[a][b]) < 4 / Math.sqrt(trials), "independent noise, ROIs " + a + ", " + b + ": " + none[a][b]);
      }
    }
  }

  /** Responses may be generated per cell in any order: the noise of a trial depends on its labels only. */
  @Test
  void shouldGiveTheSameResponsesWhicheverCellIsGeneratedFirst() {
    GroundTruth first = new GroundTruth(spec(), drivers(3));
    GroundTruth second = new GroundTruth(spec(), drivers(3));
    SubjectRoiTruth v1 = first.cell(SUBJECT, "V1");
    SubjectRoiTruth v4 = first.cell(SUBJECT, "V4");
    double[] v4First = first.response(v4, 123, 2);
    double[] v1Second = first.response(v1, 123, 2);
    double[] v1First = second.response(second.cell(SUBJECT, "V1"), 123, 2);
    double[] v4Second = second.response(second.cell(SUBJECT, "V4"), 123, 2);
    assertArrayEquals(v1First, v1Second);
    assertArrayEquals(v4First, v4Second);
    Map<String, double[][][]> all = second.responses(SUBJECT);
    assertEquals(List.of("V1", "V2", "V3", "V4", "LOC", "EBA", "FFA", "STS", "PPA"), List.copyOf(all.keySet()));
    assertArrayEquals(v4First, all.get("V4")[123][2]);
    assertEquals(spec().trainRepetitions(), all.get("V1")[0].length);
    assertEquals(spec().testRepetitions(), all.get("V1")[STIMULI - 1].length);
  }

  @Test
  void shouldHaveNoStimulusSignalInTheNullTruthButTheSameNoise() {
    // Many stimuli and six repetitions, so that the same statistic clearly sees the signal of the clean ROIs.
    int stimuli = 4 * STIMULI;
    SyntheticSpec sixRepetitions = withTrainRepetitions(SyntheticSpec.defaults("gt", stimuli, 1, Truth.HIDDEN, 11), 6);
    GroundTruth nullTruth = new GroundTruth(sixRepetitions.withTruth(Truth.NULL), drivers(stimuli, 3));
    GroundTruth hidden = new GroundTruth(sixRepetitions, drivers(stimuli, 3));
    double chance = 3 / Math.sqrt(stimuli - sixRepetitions.testVideos());
    for (SubjectRoiTruth cell : nullTruth.cells(SUBJECT)) {
      assertEquals(cell.voxels(), cell.nullVoxels(), "every voxel of " + cell.roi() + " is null");
      double splitHalf = meanSplitHalfR(nullTruth, cell);
      assertTrue(Math.abs(splitHalf) < chance, cell.roi() + " split-half r " + splitHalf);
      SubjectRoiTruth driven = hidden.cell(SUBJECT, cell.roi());
      double[] noise = nullTruth.response(cell, 9, 1);
      double[] withSignal = hidden.response(driven, 9, 1);
      for (int j = 0; j < noise.length; j++) {
        assertEquals(withSignal[j] - driven.signal()[9][j], noise[j], 1e-9, "the same noise draw");
      }
    }
    for (String clean : List.of("V1", "V2")) {
      double splitHalf = meanSplitHalfR(hidden, hidden.cell(SUBJECT, clean));
      assertTrue(splitHalf > chance, "with signal the same statistic sees it in " + clean + ": " + splitHalf);
    }
    assertEquals(0.0, nullTruth.coupling().strength(), "no coupling reaches null data");
  }

  /** As in cortex, the sources of the feedforward edges are cleaner than most of their targets. */
  @Test
  void shouldMakeSourcesCleanerThanMostTargets() {
    GroundTruth truth = new GroundTruth(spec(), drivers(3));
    Coupling coupling = truth.coupling();
    int edges = 0;
    int cleaner = 0;
    for (int target = 0; target < coupling.rois().size(); target++) {
      for (int source : coupling.sources(target)) {
        if (coupling.base()[source][target] == Coupling.FEEDFORWARD) {
          edges++;
          double sourceR = truth.cell(SUBJECT, coupling.rois().get(source)).meanSingleTrialR();
          double targetR = truth.cell(SUBJECT, coupling.rois().get(target)).meanSingleTrialR();
          cleaner += sourceR > targetR ? 1 : 0;
        }
      }
    }
    assertEquals(7, edges);
    assertTrue(cleaner >= 6, cleaner + " of 7 feedforward sources are cleaner than their targets");
  }

  @Test
  void shouldReportReliabilitiesThatMatchTheEmpiricalCorrelations() {
    GroundTruth truth = new GroundTruth(spec(), drivers(3));
    int train = STIMULI - spec().testVideos();
    for (SubjectRoiTruth cell : truth.cells(SUBJECT)) {
      double singleTrial = 0;
      double achievable = 0;
      int voxels = 0;
      for (int j = 0; j < cell.voxels(); j++) {
        if (cell.isNull()[j]) {
          continue;
        }
        double[] signal = new double[train];
        double[] oneTrial = new double[train];
        for (int t = 0; t < train; t++) {
          signal[t] = cell.signal()[t][j];
          oneTrial[t] = truth.response(cell, t, 0)[j];
        }
        singleTrial += Pearson.pearson(signal, oneTrial) - cell.singleTrialR()[j];
        double v = variance(signal);
        double sd2 = cell.noiseSd()[j] * cell.noiseSd()[j] / spec().trainRepetitions();
        achievable += cell.achievableR()[j] - Math.sqrt(v / (v + sd2));
        voxels++;
      }
      assertEquals(0, singleTrial / voxels, 0.03, cell.roi() + ": reported single-trial r vs empirical");
      assertEquals(0, achievable / voxels, 0.03, cell.roi() + ": reported achievable r vs its expectation");
    }
  }

  /** Per voxel, r over training stimuli between the means of the first and the second half of the repetitions; averaged. */
  private static double meanSplitHalfR(GroundTruth truth, SubjectRoiTruth cell) {
    int train = truth.spec().videos() - truth.spec().testVideos();
    int half = truth.spec().trainRepetitions() / 2;
    double[][] first = new double[cell.voxels()][train];
    double[][] second = new double[cell.voxels()][train];
    for (int t = 0; t < train; t++) {
      for (int rep = 0; rep < 2 * half; rep++) {
        double[] values = truth.response(cell, t, rep);
        double[][] into = rep < half ? first : second;
        for (int j = 0; j < cell.voxels(); j++) {
          into[j][t] += values[j] / half;
        }
      }
    }
    double sum = 0;
    for (int j = 0; j < cell.voxels(); j++) {
      sum += Pearson.pearson(first[j], second[j]);
    }
    return sum / cell.voxels();
  }

  private static SyntheticSpec withTrainRepetitions(SyntheticSpec spec, int repetitions) {
    return new SyntheticSpec(spec.experimentId(), spec.videos(), spec.subjects(), spec.testFraction(), spec.truth(),
        spec.seed(), spec.rois(), repetitions, spec.testRepetitions(), spec.nullFraction(), spec.coupling(), spec.noise());
  }

  private static double[][] roiMeanNoiseCorrelations(GroundTruth truth) {
    List<SubjectRoiTruth> cells = truth.cells(SUBJECT);
    int trials = STIMULI * 3;
    double[][] means = new double[cells.size()][trials];
    for (int c = 0; c < cells.size(); c++) {
      SubjectRoiTruth cell = cells.get(c);
      for (int t = 0; t < STIMULI; t++) {
        for (int rep = 0; rep < 3; rep++) {
          double[] response = truth.response(cell, t, rep);
          double sum = 0;
          for (int j = 0; j < response.length; j++) {
            sum += response[j] - cell.offsets()[j] - cell.signal()[t][j];
          }
          means[c][t * 3 + rep] = sum / response.length;
        }
      }
    }
    double[][] r = new double[cells.size()][cells.size()];
    for (int a = 0; a < cells.size(); a++) {
      for (int b = 0; b < cells.size(); b++) {
        r[a][b] = Pearson.pearson(means[a], means[b]);
      }
    }
    return r;
  }

  /** From the loadings: cov(A, B) = shared · m_A·m_B with m the ROI-mean of sd · loading. */
  private static double[][] expectedRoiMeanNoiseCorrelations(GroundTruth truth) {
    List<SubjectRoiTruth> cells = truth.cells(SUBJECT);
    double shared = truth.spec().noise().sharedFraction();
    int factors = truth.spec().noise().factors();
    double[][] m = new double[cells.size()][factors];
    double[] variance = new double[cells.size()];
    for (int c = 0; c < cells.size(); c++) {
      SubjectRoiTruth cell = cells.get(c);
      double own = 0;
      for (int j = 0; j < cell.voxels(); j++) {
        for (int k = 0; k < factors; k++) {
          m[c][k] += cell.noiseSd()[j] * cell.noiseLoadings()[j][k] / cell.voxels();
        }
        own += cell.noiseSd()[j] * cell.noiseSd()[j] / ((double) cell.voxels() * cell.voxels());
      }
      variance[c] = shared * RoiSubspaces.dot(m[c], m[c]) + (1 - shared) * own;
    }
    double[][] r = new double[cells.size()][cells.size()];
    for (int a = 0; a < cells.size(); a++) {
      for (int b = 0; b < cells.size(); b++) {
        r[a][b] = a == b ? 1 : shared * RoiSubspaces.dot(m[a], m[b]) / Math.sqrt(variance[a] * variance[b]);
      }
    }
    return r;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double variance(double[] values) {
    double mean = mean(values);
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return sum / values.length;
  }

  private static int firstNull(SubjectRoiTruth cell) {
    for (int j = 0; j < cell.voxels(); j++) {
      if (cell.isNull()[j]) {
        return j;
      }
    }
    throw new AssertionError("no null voxel");
  }

  private static int firstSignal(SubjectRoiTruth cell) {
    for (int j = 0; j < cell.voxels(); j++) {
      if (!cell.isNull()[j]) {
        return j;
      }
    }
    throw new AssertionError("no signal voxel");
  }

  private static SyntheticSpec spec() {
    return SyntheticSpec.defaults("gt", STIMULI, 1, Truth.HIDDEN, 11);
  }

  private static double[][] drivers(long seed) {
    return drivers(STIMULI, seed);
  }

  private static double[][] drivers(int stimuli, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[stimuli][FEATURES];
    for (double[] row : x) {
      for (int i = 0; i < FEATURES; i++) {
        row[i] = random.nextGaussian() * (1 + i % 5);
      }
    }
    return x;
  }
}
