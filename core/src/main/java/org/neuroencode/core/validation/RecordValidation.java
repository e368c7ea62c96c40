package org.neuroencode.core.validation;

import java.util.Optional;
import org.neuroencode.core.schema.Features;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.Tensor;
import org.neuroencode.core.tensor.Tensors;

/** The checks every entry point applies to responses and features; each failure is one readable line. */
public final class RecordValidation {
  private RecordValidation() {}

  public static Optional<String> problemWith(Response response, ExperimentIndex experiment) {
    String where = "response " + response.getSubjectId() + "/" + response.getStimulusId() + "/" + response.getRoi()
        + " rep " + response.getRepetition();
    if (!experiment.hasSubject(response.getSubjectId())) {
      return Optional.of(where + ": unknown subject '" + response.getSubjectId() + "' in experiment '"
          + response.getExperimentId() + "'");
    }
    Optional<Integer> voxels = experiment.voxels(response.getSubjectId(), response.getRoi());
    if (voxels.isEmpty()) {
      return Optional.of(where + ": unknown ROI '" + response.getRoi() + "' for subject '" + response.getSubjectId() + "'");
    }
    Optional<Split> split = experiment.split(response.getStimulusId());
    if (split.isEmpty()) {
      return Optional.of(where + ": stimulus '" + response.getStimulusId() + "' is not in the experiment's stimulus set");
    }
    int repetitions = experiment.repetitions(split.get());
    if (response.getRepetition() < 0 || response.getRepetition() >= repetitions) {
      return Optional.of(where + ": repetition " + response.getRepetition() + " is outside 0.." + (repetitions - 1)
          + " for a " + split.get().toString().toLowerCase() + " stimulus");
    }
    Optional<String> tensorProblem = vectorProblem(response.getValues(), voxels.get());
    return tensorProblem.map(problem -> where + ": " + problem);
  }

  public static Optional<String> problemWith(Features features, ExperimentIndex experiment) {
    String where = "features " + features.getModel() + "/" + features.getLayer() + " of " + features.getStimulusId();
    if (experiment.split(features.getStimulusId()).isEmpty()) {
      return Optional.of(where + ": stimulus '" + features.getStimulusId() + "' is not in the experiment's stimulus set");
    }
    return vectorProblem(features.getValues(), -1).map(problem -> where + ": " + problem);
  }

  /** A 1-D finite tensor, of the given length unless expectedLength is negative. */
  public static Optional<String> vectorProblem(Tensor tensor, int expectedLength) {
    String problem = Tensors.problem(tensor);
    if (problem != null) {
      return Optional.of(problem);
    }
    if (tensor.getShape().size() != 1) {
      return Optional.of("expected a 1-D tensor but the shape is " + tensor.getShape());
    }
    int length = tensor.getShape().get(0);
    if (expectedLength >= 0 && length != expectedLength) {
      return Optional.of("wrong voxel count: " + length + " values where the registry says " + expectedLength);
    }
    if (length == 0) {
      return Optional.of("empty tensor");
    }
    int bad = Tensors.firstNonFinite(Tensors.toDoubles(tensor));
    if (bad >= 0) {
      return Optional.of("non-finite value at index " + bad);
    }
    return Optional.empty();
  }
}
