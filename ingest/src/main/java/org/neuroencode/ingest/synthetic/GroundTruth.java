package org.neuroencode.ingest.synthetic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.neuroencode.core.math.Pearson;

/**
 * Draws the synthetic brain, and is also its pure-Java API (no Kafka, no videos needed: any drivers will do).
 *
 * <p><b>Signal.</b> Each ROI has its own {@value #SUBSPACE_RANK}-dimensional subspace of the drivers (see
 * {@link RoiSubspaces}): signals of unit variance, uncorrelated within and across ROIs. A ROI's latent signal
 * has two parts side by side: its own signal, and the inherited signal, which is, for each source with a
 * coupling weight into it, weight × the source's own signal, component by component ({@link Coupling}). Each
 * voxel reads each part out with its own unit-norm readout vector, so its own part has unit variance and its
 * coupled part the variance Σ weight². The inherited part has readouts of its own, as a real target mixes its
 * sources' signals into its voxels differently from its own: the coupling widens the target's signal space
 * (rank {@value #SUBSPACE_RANK} own + {@value #SUBSPACE_RANK} inherited) rather than moving inside it. Null
 * voxels carry no signal; in {@link Truth#NULL} no voxel does.
 *
 * <p><b>Noise.</b> Per voxel, {@link NoiseSpec}: shared factors per (subject, stimulus, repetition) plus
 * independent noise per (cell, stimulus, repetition), each drawn from a generator seeded by those labels
 * alone, so a response does not depend on which cells or trials were generated before it. The noise level
 * is set so that each ROI reaches its planned achievable r at coupling strength 1; it does not depend on the
 * strength or the truth mode, so experiments that differ only in those have the same noise, draw for draw.
 */
public final class GroundTruth {
  public static final int SUBSPACE_RANK = 2;
  /** Weight of the subject-wide direction in every ROI's noise loadings: the global signal. */
  private static final double GLOBAL_LOADING = 1.5;
  /** Spread of each voxel's noise loading around its ROI's. */
  private static final double VOXEL_LOADING_SPREAD = 0.5;
  private static final long SUBSPACE_STREAM = -1;
  private static final long FACTOR_STREAM = -2;

  private final SyntheticSpec spec;
  private final double[][] drivers;
  private final Coupling coupling;
  private final List<RoiSubspace> subspaces;
  private final List<double[][]> latents = new ArrayList<>();
  private final List<double[][]> latentWeights = new ArrayList<>();
  private final List<SubjectRoiTruth> cells = new ArrayList<>();

  /** drivers: stimuli × features, raw; they are centered here. */
  public GroundTruth(SyntheticSpec spec, double[][] drivers) {
    if (drivers.length != spec.videos()) {
      throw new IllegalArgumentException("the drivers have " + drivers.length + " rows for " + spec.videos() + " stimuli");
    }
    this.spec = spec;
    this.drivers = center(drivers);
    this.coupling = spec.truth().stimulusDriven() ? spec.coupling() : spec.coupling().withStrength(0);
    this.subspaces = RoiSubspaces.draw(this.drivers, spec.rois(), SUBSPACE_RANK,
        new Random(seedOf(spec.seed(), SUBSPACE_STREAM)));
    for (int target = 0; target < spec.rois().size(); target++) {
      latents.add(coupled(target, RoiSubspace::signal));
      latentWeights.add(coupled(target, RoiSubspace::weights));
    }
    for (int s = 0; s < spec.subjects(); s++) {
      long factorSeed = seedOf(spec.seed(), s, FACTOR_STREAM);
      for (int r = 0; r < spec.rois().size(); r++) {
        cells.add(withReliability(drawCell(s, r, factorSeed)));
      }
    }
  }

  public SyntheticSpec spec() {
    return spec;
  }

  /** Every (subject, ROI), subject by subject, ROIs in the spec's order. */
  public List<SubjectRoiTruth> cells() {
    return cells;
  }

  /** One subject's ROIs, in the spec's order. */
  public List<SubjectRoiTruth> cells(String subjectId) {
    List<SubjectRoiTruth> subject = cells.stream().filter(c -> c.subjectId().equals(subjectId)).toList();
    if (subject.isEmpty()) {
      throw new IllegalArgumentException("no subject '" + subjectId + "' in the synthetic experiment");
    }
    return subject;
  }

  public SubjectRoiTruth cell(String subjectId, String roi) {
    return cells(subjectId).stream().filter(c -> c.roi().equals(roi)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no ROI '" + roi + "' in the synthetic experiment"));
  }

  /** Centered drivers (stimuli × features): the weights apply to these. */
  public double[][] drivers() {
    return drivers;
  }

  /** The coupling that reaches the data: the spec's, or strength 0 in {@link Truth#NULL}. Rows = sources. */
  public Coupling coupling() {
    return coupling;
  }

  /** Every ROI's own subspace, in the spec's order (the same for every subject). */
  public List<RoiSubspace> subspaces() {
    return subspaces;
  }

  public RoiSubspace subspace(String roi) {
    return subspaces.get(coupling.index(roi));
  }

  /**
   * The ROI's latent signal (stimuli × 2·rank), the same for every subject: its own signal, then the coupled
   * sources' own signals. The voxels read this out, except in {@link Truth#NULL}, where they read nothing.
   */
  public double[][] latent(String roi) {
    return latents.get(coupling.index(roi));
  }

  /** features × 2·rank: {@code latent = centered drivers · latentWeights}. */
  public double[][] latentWeights(String roi) {
    return latentWeights.get(coupling.index(roi));
  }

  /** One repetition's measured response of every voxel of a cell: offsets + signal + noise. */
  public double[] response(SubjectRoiTruth cell, int stimulus, int repetition) {
    double[] values = noise(cell, stimulus, repetition);
    for (int j = 0; j < values.length; j++) {
      values[j] += cell.offsets()[j] + cell.signal()[stimulus][j];
    }
    return values;
  }

  /**
   * The noise of one repetition: a function of (subject, stimulus, repetition) for the shared part and of
   * (cell, stimulus, repetition) for the independent part, never of the order of calls.
   */
  public double[] noise(SubjectRoiTruth cell, int stimulus, int repetition) {
    NoiseSpec noise = spec.noise();
    double[] factors = new double[noise.factors()];
    SplittableRandom shared = trialRandom(cell.factorSeed(), stimulus, repetition);
    for (int k = 0; k < factors.length; k++) {
      factors[k] = shared.nextGaussian();
    }
    SplittableRandom own = trialRandom(cell.noiseSeed(), stimulus, repetition);
    double sharedScale = Math.sqrt(noise.sharedFraction());
    double ownScale = Math.sqrt(1 - noise.sharedFraction());
    double[] values = new double[cell.voxels()];
    for (int j = 0; j < values.length; j++) {
      double common = 0;
      double[] loading = cell.noiseLoadings()[j];
      for (int k = 0; k < factors.length; k++) {
        common += loading[k] * factors[k];
      }
      values[j] = cell.noiseSd()[j] * (sharedScale * common + ownScale * own.nextGaussian());
    }
    return values;
  }

  /**
   * Every response of a cell: [stimulus][repetition][voxel], with as many repetitions as the stimulus's split
   * has (train stimuli {@code trainRepetitions}, test stimuli {@code testRepetitions}).
   */
  public double[][][] responses(SubjectRoiTruth cell) {
    double[][][] out = new double[spec.videos()][][];
    for (int t = 0; t < out.length; t++) {
      out[t] = new double[spec.repetitions(t)][];
      for (int rep = 0; rep < out[t].length; rep++) {
        out[t][rep] = response(cell, t, rep);
      }
    }
    return out;
  }

  /** One subject's responses per ROI (in the spec's order), each as {@link #responses(SubjectRoiTruth)}. */
  public Map<String, double[][][]> responses(String subjectId) {
    Map<String, double[][][]> out = new LinkedHashMap<>();
    for (SubjectRoiTruth cell : cells(subjectId)) {
      out.put(cell.roi(), responses(cell));
    }
    return out;
  }

  private interface SubspacePart {
    double[][] of(RoiSubspace subspace);
  }

  /** own + Σ_source weight(source, target) · source's own, for the signals or their weights. */
  /** Rows of [own | inherited]: the target's own part, then Σ weight × each source's own part. */
  private double[][] coupled(int target, SubspacePart part) {
    double[][] own = part.of(subspaces.get(target));
    double[][] out = new double[own.length][];
    for (int i = 0; i < own.length; i++) {
      out[i] = java.util.Arrays.copyOf(own[i], 2 * own[i].length);
    }
    for (int source : coupling.sources(target)) {
      double weight = coupling.weight(source, target);
      double[][] theirs = part.of(subspaces.get(source));
      for (int i = 0; i < out.length; i++) {
        for (int k = 0; k < theirs[i].length; k++) {
          out[i][theirs[i].length + k] += weight * theirs[i][k];
        }
      }
    }
    return out;
  }

  /** Every draw comes from (seed, subject, ROI) alone, in a fixed order, whatever the truth mode or coupling. */
  private SubjectRoiTruth drawCell(int subject, int roi, long factorSeed) {
    RoiPlan plan = spec.rois().get(roi);
    Random random = new Random(seedOf(spec.seed(), subject, roi));
    int voxels = Math.max(5, (int) Math.round(plan.voxels() * (0.9 + 0.2 * random.nextDouble())));
    boolean[] isNull = nullVoxels(voxels, random);
    if (!spec.truth().stimulusDriven()) {
      java.util.Arrays.fill(isNull, true);
    }
    int factors = spec.noise().factors();
    double[] roiLoading = gaussian(factors, random);
    if (factors > 0) {
      roiLoading[0] += GLOBAL_LOADING;
    }
    // At strength 1 the latent signal has variance 1 + Σ base²: calibrate the noise to that.
    double signalVarianceAtStrength1 = 1 + spec.coupling().incomingVariance(roi);
    double[][] latent = latents.get(roi);
    double[][] weightsOfLatent = latentWeights.get(roi);
    int n = drivers.length;
    int p = drivers[0].length;
    double[] weights = new double[p * voxels];
    double[][] signal = new double[n][voxels];
    double[] offsets = new double[voxels];
    double[] noiseSd = new double[voxels];
    double[][] readouts = new double[voxels][];
    double[][] loadings = new double[voxels][];
    for (int j = 0; j < voxels; j++) {
      offsets[j] = random.nextDouble() * 2 - 1;
      double targetR = Math.max(0.1, Math.min(0.9, plan.achievableR() + (random.nextDouble() - 0.5) * 0.1));
      // The mean of R repetitions has noise variance sd²/R; solve r² = v / (v + sd²/R) for sd.
      noiseSd[j] = Math.sqrt(spec.trainRepetitions() * signalVarianceAtStrength1 * (1 / (targetR * targetR) - 1));
      double[] ownReadout = unit(gaussian(SUBSPACE_RANK, random));
      double[] inheritedReadout = unit(gaussian(SUBSPACE_RANK, random));
      readouts[j] = java.util.Arrays.copyOf(ownReadout, 2 * SUBSPACE_RANK);
      System.arraycopy(inheritedReadout, 0, readouts[j], SUBSPACE_RANK, SUBSPACE_RANK);
      double[] loading = gaussian(factors, random);
      for (int k = 0; k < factors; k++) {
        loading[k] = roiLoading[k] + VOXEL_LOADING_SPREAD * loading[k];
      }
      loadings[j] = unit(loading);
      if (isNull[j]) {
        continue;
      }
      for (int t = 0; t < n; t++) {
        signal[t][j] = RoiSubspaces.dot(latent[t], readouts[j]);
      }
      for (int i = 0; i < p; i++) {
        weights[i * voxels + j] = RoiSubspaces.dot(weightsOfLatent[i], readouts[j]);
      }
    }
    long noiseSeed = random.nextLong();
    return new SubjectRoiTruth(spec.subjectId(subject), plan.name(), voxels, weights, offsets, noiseSd, isNull, signal,
        readouts, loadings, noiseSeed, factorSeed, new double[voxels], new double[voxels]);
  }

  private boolean[] nullVoxels(int voxels, Random random) {
    boolean[] isNull = new boolean[voxels];
    List<Integer> order = new ArrayList<>();
    for (int j = 0; j < voxels; j++) {
      order.add(j);
    }
    Collections.shuffle(order, random);
    int nulls = (int) Math.round(voxels * spec.nullFraction());
    for (int j = 0; j < nulls; j++) {
      isNull[order.get(j)] = true;
    }
    return isNull;
  }

  /**
   * achievableR: the correlation of the signal with the mean of the training repetitions over the training
   * stimuli, measured on the draws; singleTrialR: its expectation for one repetition, from the variances.
   */
  private SubjectRoiTruth withReliability(SubjectRoiTruth cell) {
    List<Integer> train = new ArrayList<>();
    for (int t = 0; t < drivers.length; t++) {
      if (!spec.isTest(t)) {
        train.add(t);
      }
    }
    double[][] means = new double[train.size()][];
    for (int i = 0; i < train.size(); i++) {
      double[] sum = new double[cell.voxels()];
      for (int rep = 0; rep < spec.trainRepetitions(); rep++) {
        double[] values = response(cell, train.get(i), rep);
        for (int j = 0; j < sum.length; j++) {
          sum[j] += values[j] / spec.trainRepetitions();
        }
      }
      means[i] = sum;
    }
    double[] achievable = new double[cell.voxels()];
    double[] singleTrial = new double[cell.voxels()];
    for (int j = 0; j < achievable.length; j++) {
      if (cell.isNull()[j]) {
        achievable[j] = Double.NaN;
        singleTrial[j] = Double.NaN;
        continue;
      }
      double[] a = new double[train.size()];
      double[] b = new double[train.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = cell.signal()[train.get(i)][j];
        b[i] = means[i][j];
      }
      achievable[j] = Pearson.pearson(a, b);
      double variance = variance(a);
      singleTrial[j] = Math.sqrt(variance / (variance + cell.noiseSd()[j] * cell.noiseSd()[j]));
    }
    return cell.withReliability(achievable, singleTrial);
  }

  /** A generator for one trial; SplittableRandom mixes its seed, unlike java.util.Random for nearby seeds. */
  private static SplittableRandom trialRandom(long seed, int stimulus, int repetition) {
    return new SplittableRandom((seed * 100_003L + stimulus) * 101 + repetition);
  }

  /** A well-mixed seed for one labelled stream, so that streams do not depend on each other's draws. */
  static long seedOf(long seed, long... labels) {
    long mixed = seed;
    for (long label : labels) {
      mixed = new SplittableRandom(mixed * 0x9E3779B97F4A7C15L + label).nextLong();
    }
    return mixed;
  }

  private static double[] gaussian(int size, Random random) {
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = random.nextGaussian();
    }
    return values;
  }

  private static double[] unit(double[] v) {
    double norm = Math.sqrt(RoiSubspaces.dot(v, v));
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = norm == 0 ? 0 : v[i] / norm;
    }
    return out;
  }

  private static double variance(double[] values) {
    double mean = 0;
    for (double v : values) {
      mean += v / values.length;
    }
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return sum / values.length;
  }

  private static double[][] center(double[][] raw) {
    int n = raw.length;
    int p = raw[0].length;
    double[][] out = new double[n][p];
    for (int i = 0; i < p; i++) {
      double mean = 0;
      for (double[] row : raw) {
        mean += row[i] / n;
      }
      for (int t = 0; t < n; t++) {
        out[t][i] = raw[t][i] - mean;
      }
    }
    return out;
  }
}
