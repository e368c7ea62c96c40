package org.neuroencode.ingest.readers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
    requireShape(cube.shape(), stimuli, source);
  }

  /** Fails unless the shape is (stimuli, repetitions, voxels) with one row per stimulus id. */
  public static void requireShape(int[] shape, int stimuli, String source) throws IOException {
    if (shape.length != 3 || shape[0] != stimuli || shape[1] < 1) {
      throw new IOException(source + ": expected shape (" + stimuli + " stimuli, repetitions, voxels), found "
          + Arrays.toString(shape));
    }
  }

  /** Registers subjects with their ROIs' voxel counts (in the given map order) and the stimulus set. */
  public static Experiment experiment(String experimentId, String description, Map<String, Map<String, Integer>> voxels,
      List<StimulusSpec> stimuli, int trainRepetitions, int testRepetitions, Map<String, String> attributes) {
    Map<String, List<RoiSpec>> rois = new LinkedHashMap<>();
    voxels.forEach((subject, counts) -> rois.put(subject,
        counts.entrySet().stream().map(roi -> new RoiSpec(roi.getKey(), roi.getValue(), null)).toList()));
    return experimentOfRois(experimentId, description, rois, stimuli, trainRepetitions, testRepetitions, attributes);
  }

  /** Registers subjects with their ROIs as given (voxel counts and, where known, masks) and the stimulus set. */
  public static Experiment experimentOfRois(String experimentId, String description, Map<String, List<RoiSpec>> rois,
      List<StimulusSpec> stimuli, int trainRepetitions, int testRepetitions, Map<String, String> attributes) {
    List<SubjectSpec> subjects = new ArrayList<>();
    rois.forEach((subject, specs) -> subjects.add(new SubjectSpec(subject, specs)));
    return Experiment.newBuilder().setExperimentId(experimentId).setDescription(description).setSubjects(subjects)
        .setStimuli(stimuli).setTrainRepetitions(trainRepetitions).setTestRepetitions(testRepetitions)
        .setAttributes(attributes).setCreatedAtMs(System.currentTimeMillis()).build();
  }

  /** The registry's dtype for a source dtype name: float64 stays float64, float32 stays float32. */
  public static DType dtype(String sourceDtype) {
    return sourceDtype.equals("float64") ? DType.FLOAT64 : DType.FLOAT32;
  }

  /** Every repetition of every stimulus, row i being {@code stimulusIds.get(i)}, in the source's dtype. */
  public static List<Response> responses(String experimentId, String subjectId, String roi, NpyArray cube,
      List<String> stimulusIds, String source) {
    int repetitions = cube.shape()[1];
    int rowLength = repetitions * cube.shape()[2];
    List<Response> responses = new ArrayList<>();
    for (int s = 0; s < stimulusIds.size(); s++) {
      responses.addAll(stimulusResponses(experimentId, subjectId, roi, stimulusIds.get(s),
          Arrays.copyOfRange(cube.values(), s * rowLength, (s + 1) * rowLength), repetitions, dtype(cube.dtype()), source));
    }
    return responses;
  }

  /**
   * The responses of one stimulus: {@code row} holds (repetitions, voxels) in C order, as one index of the
   * first axis of a cube, which is what the streaming readers hand over.
   */
  public static List<Response> stimulusResponses(String experimentId, String subjectId, String roi, String stimulusId,
      double[] row, int repetitions, DType dtype, String source) {
    int voxels = row.length / repetitions;
    long now = System.currentTimeMillis();
    List<Response> responses = new ArrayList<>(repetitions);
    for (int r = 0; r < repetitions; r++) {
      responses.add(response(experimentId, subjectId, stimulusId, roi, r,
          Arrays.copyOfRange(row, r * voxels, (r + 1) * voxels), dtype, source, now));
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
