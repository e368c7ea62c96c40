package org.neuroencode.ingest.synthetic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.neuroencode.core.schema.DType;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.RoiSpec;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.StimulusSpec;
import org.neuroencode.core.schema.SubjectSpec;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.extractor.models.MotionEnergyModel;
import org.neuroencode.extractor.video.VideoCodec;
import org.neuroencode.ingest.synthetic.video.SyntheticVideo;
import org.neuroencode.ingest.synthetic.video.SyntheticVideos;

/**
 * A whole synthetic fMRI experiment with known ground truth: videos, the registry entry, and every
 * repetition's responses in the order a scanner would deliver them.
 */
public final class SyntheticExperiment {
  private final SyntheticSpec spec;
  private final List<SyntheticStimulus> stimuli;
  private final GroundTruth truth;

  private SyntheticExperiment(SyntheticSpec spec, List<SyntheticStimulus> stimuli, GroundTruth truth) {
    this.spec = spec;
    this.stimuli = stimuli;
    this.truth = truth;
  }

  /**
   * Renders and encodes every video; in motion-energy mode the drivers are the motion energy of the
   * decoded mp4, exactly what the extractor will compute from the same bytes, and otherwise the hidden
   * features (which in null mode shape the subspaces written to the truth but reach no voxel).
   */
  public static SyntheticExperiment generate(SyntheticSpec spec, int threads) {
    SyntheticVideos videos = new SyntheticVideos(spec.seed());
    MotionEnergyModel motionEnergy = new MotionEnergyModel();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<SyntheticStimulus>> pending = new ArrayList<>();
      for (int i = 0; i < spec.videos(); i++) {
        int index = i;
        pending.add(pool.submit(() -> render(spec, videos, motionEnergy, index)));
      }
      List<SyntheticStimulus> stimuli = new ArrayList<>();
      for (Future<SyntheticStimulus> stimulus : pending) {
        stimuli.add(stimulus.get());
      }
      double[][] drivers = stimuli.stream().map(SyntheticStimulus::drivers).toArray(double[][]::new);
      return new SyntheticExperiment(spec, List.copyOf(stimuli), new GroundTruth(spec, drivers));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating videos", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("generating a video failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static SyntheticStimulus render(SyntheticSpec spec, SyntheticVideos videos, MotionEnergyModel motionEnergy,
      int index) throws Exception {
    SyntheticVideo video = videos.generate(index);
    byte[] mp4 = VideoCodec.encodeMp4(video.video());
    double[] drivers = spec.truth() == Truth.MOTION_ENERGY
        ? motionEnergy.features(motionEnergy.decode(mp4))
        : video.hiddenFeatures();
    return new SyntheticStimulus(spec.stimulusId(index), index, spec.isTest(index) ? Split.TEST : Split.TRAIN, mp4,
        drivers);
  }

  public SyntheticSpec spec() {
    return spec;
  }

  public List<SyntheticStimulus> stimuli() {
    return stimuli;
  }

  public GroundTruth truth() {
    return truth;
  }

  public Experiment registryEntry() {
    List<SubjectSpec> subjects = new ArrayList<>();
    for (int s = 0; s < spec.subjects(); s++) {
      String subjectId = spec.subjectId(s);
      List<RoiSpec> rois = truth.cells().stream().filter(cell -> cell.subjectId().equals(subjectId))
          .map(cell -> new RoiSpec(cell.roi(), cell.voxels(), null)).toList();
      subjects.add(new SubjectSpec(subjectId, rois));
    }
    List<StimulusSpec> stimulusSpecs = stimuli.stream()
        .map(stimulus -> new StimulusSpec(stimulus.stimulusId(), stimulus.split())).toList();
    return Experiment.newBuilder()
        .setExperimentId(spec.experimentId())
        .setDescription("synthetic experiment, truth=" + spec.truth().label() + ", coupling="
            + truth.coupling().strength() + ", seed=" + spec.seed())
        .setSubjects(subjects)
        .setStimuli(stimulusSpecs)
        .setTrainRepetitions(spec.trainRepetitions())
        .setTestRepetitions(spec.testRepetitions())
        .setAttributes(java.util.Map.of("generator", "neuroencode synthetic", "truth", spec.truth().label(),
            "coupling", String.valueOf(truth.coupling().strength()),
            "noiseFactors", String.valueOf(spec.noise().factors()),
            "sharedNoiseFraction", String.valueOf(spec.noise().sharedFraction())))
        .setCreatedAtMs(System.currentTimeMillis())
        .build();
  }

  /**
   * The scanner sessions: session r presents, in a shuffled order of its own, every stimulus that has more than r
   * repetitions; session r's presentations are repetition r.
   */
  public List<List<SyntheticStimulus>> sessions() {
    List<List<SyntheticStimulus>> sessions = new ArrayList<>();
    int maxRepetitions = Math.max(spec.trainRepetitions(), spec.testRepetitions());
    Random order = new Random(spec.seed() + 17);
    for (int repetition = 0; repetition < maxRepetitions; repetition++) {
      List<SyntheticStimulus> session = new ArrayList<>(stimuli);
      Collections.shuffle(session, order);
      int r = repetition;
      sessions.add(session.stream().filter(stimulus -> r < spec.repetitions(stimulus.index())).toList());
    }
    return sessions;
  }

  /**
   * Every response, session by session as a scanner delivers them: repetition r of every stimulus (in
   * a shuffled order per repetition) before repetition r+1, each for every subject and ROI.
   */
  public List<Response> responsesInScannerOrder() {
    List<Response> responses = new ArrayList<>();
    List<List<SyntheticStimulus>> sessions = sessions();
    for (int repetition = 0; repetition < sessions.size(); repetition++) {
      for (SyntheticStimulus stimulus : sessions.get(repetition)) {
        for (SubjectRoiTruth cell : truth.cells()) {
          double[] values = truth.response(cell, stimulus.index(), repetition);
          responses.add(Response.newBuilder()
              .setExperimentId(spec.experimentId())
              .setSubjectId(cell.subjectId())
              .setStimulusId(stimulus.stimulusId())
              .setRoi(cell.roi())
              .setRepetition(repetition)
              .setValues(Tensors.vector(values, DType.FLOAT32))
              .setSource("synthetic")
              .setAcquiredAtMs(System.currentTimeMillis())
              .build());
        }
      }
    }
    return responses;
  }
}
