package org.neuroencode.ingest.readers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.neuroencode.core.io.NpyArray;
import org.neuroencode.core.schema.DType;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.RoiSpec;
import org.neuroencode.core.schema.StimulusSpec;
import org.neuroencode.core.schema.SubjectSpec;
import org.neuroencode.core.tensor.Tensors;

/**
 * Turns (stimuli, repetitions, voxels) arrays into registry entries and responses, whatever file they
 * came from; no Kafka here, so every reader's records can be checked without a broker.
 */
public final class ResponseCubes {
  private ResponseCubes() {}

  /** Fails unless the array is (stimuli, repetitions, voxels) with one row per stimulus id. */
  public static void requireCube(NpyArray cube, int stimuli, String source) throws IOException {
    int[] shape = cube.shape();
    if (shape.length != 3 || shape[0] != stimuli || shape[1] < 1) {
      throw new IOException(source + ": expected shape (" + stimuli + " stimuli, repetitions, voxels), found "
          + Arrays.toString(shape));
    }
  }

  /** Registers subjects with their ROIs' voxel counts (in the given map order) and the stimulus set. */
  public static Experiment experiment(String experimentId, String description, Map<String, Map<String, Integer>> voxels,
      List<StimulusSpec> stimuli, int trainRepetitions, int testRepetitions, Map<String, String> attributes) {
    List<SubjectSpec> subjects = new ArrayList<>();
    voxels.forEach((subject, rois) -> subjects.add(new SubjectSpec(subject,
        rois.entrySet().stream().map(roi -> new RoiSpec(roi.getKey(), roi.getValue())).toList())));
    return Experiment.newBuilder().setExperimentId(experimentId).setDescription(description).setSubjects(subjects)
        .setStimuli(stimuli).setTrainRepetitions(trainRepetitions).setTestRepetitions(testRepetitions)
        .setAttributes(attributes).setCreatedAtMs(System.currentTimeMillis()).build();
  }

  /** Every repetition of every stimulus, row i being {@code stimulusIds.get(i)}, in the source's dtype. */
  public static List<Response> responses(String experimentId, String subjectId, String roi, NpyArray cube,
      List<String> stimulusIds, String source) {
    int repetitions = cube.shape()[1];
    int voxels = cube.shape()[2];
    DType dtype = cube.dtype().equals("float64") ? DType.FLOAT64 : DType.FLOAT32;
    long now = System.currentTimeMillis();
    List<Response> responses = new ArrayList<>();
    for (int s = 0; s < stimulusIds.size(); s++) {
      for (int r = 0; r < repetitions; r++) {
        int from = (s * repetitions + r) * voxels;
        responses.add(response(experimentId, subjectId, stimulusIds.get(s), roi, r,
            Arrays.copyOfRange(cube.values(), from, from + voxels), dtype, source, now));
      }
    }
    return responses;
  }

  /** One repetition's response, its values stored in the given dtype. */
  public static Response response(String experimentId, String subjectId, String stimulusId, String roi, int repetition,
      double[] values, DType dtype, String source, long acquiredAtMs) {
    return Response.newBuilder().setExperimentId(experimentId).setSubjectId(subjectId)
        .setStimulusId(stimulusId).setRoi(roi).setRepetition(repetition)
        .setValues(Tensors.vector(values, dtype))
        .setSource(source).setAcquiredAtMs(acquiredAtMs).build();
  }
}
