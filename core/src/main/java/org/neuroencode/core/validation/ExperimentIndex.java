package org.neuroencode.core.validation;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.schema.RoiSpec;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.StimulusSpec;
import org.neuroencode.core.schema.SubjectSpec;

/** An experiment's registry entry indexed for the lookups that validation does per record. */
public final class ExperimentIndex {
  private final Experiment experiment;
  private final Map<String, Split> splitByStimulus = new HashMap<>();
  private final Map<String, Map<String, Integer>> voxelsBySubjectRoi = new HashMap<>();

  public ExperimentIndex(Experiment experiment) {
    this.experiment = experiment;
    for (StimulusSpec stimulus : experiment.getStimuli()) {
      splitByStimulus.put(stimulus.getStimulusId(), stimulus.getSplit());
    }
    for (SubjectSpec subject : experiment.getSubjects()) {
      Map<String, Integer> rois = new HashMap<>();
      for (RoiSpec roi : subject.getRois()) {
        rois.put(roi.getName(), roi.getVoxels());
      }
      voxelsBySubjectRoi.put(subject.getSubjectId(), rois);
    }
  }

  public Experiment experiment() {
    return experiment;
  }

  public Optional<Split> split(String stimulusId) {
    return Optional.ofNullable(splitByStimulus.get(stimulusId));
  }

  public boolean hasSubject(String subjectId) {
    return voxelsBySubjectRoi.containsKey(subjectId);
  }

  public Optional<Integer> voxels(String subjectId, String roi) {
    Map<String, Integer> rois = voxelsBySubjectRoi.get(subjectId);
    return rois == null ? Optional.empty() : Optional.ofNullable(rois.get(roi));
  }

  public int repetitions(Split split) {
    return split == Split.TRAIN ? experiment.getTrainRepetitions() : experiment.getTestRepetitions();
  }
}
