package org.neuroencode.ingest.synthetic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.neuroencode.core.io.Npy;

/**
 * Writes the ground truth beside the data: a summary, and per subject and ROI the voxels' null flags
 * and achievable r (CSV) and their readout weights (NPY, features × voxels, on the standardized drivers).
 */
public final class TruthWriter {
  private TruthWriter() {}

  public static void write(SyntheticExperiment experiment, Path dir) throws IOException {
    Files.createDirectories(dir);
    SyntheticSpec spec = experiment.spec();
    GroundTruth truth = experiment.truth();
    ObjectMapper json = new ObjectMapper();
    ObjectNode summary = json.createObjectNode();
    summary.put("experimentId", spec.experimentId());
    summary.put("truth", spec.truth().label());
    summary.put("seed", spec.seed());
    summary.put("videos", spec.videos());
    summary.put("testVideos", spec.testVideos());
    summary.put("trainRepetitions", spec.trainRepetitions());
    summary.put("testRepetitions", spec.testRepetitions());
    summary.put("driverFeatures", truth.drivers()[0].length);
    summary.put("achievableR", "Pearson r between the noiseless signal and the mean of the training repetitions, over the training stimuli");
    summary.put("weights", "features x voxels, applied to the centered drivers in drivers.npy");
    ArrayNode cells = summary.putArray("cells");
    for (SubjectRoiTruth cell : truth.cells()) {
      ObjectNode node = cells.addObject();
      node.put("subject", cell.subjectId());
      node.put("roi", cell.roi());
      node.put("voxels", cell.voxels());
      node.put("nullVoxels", cell.nullVoxels());
      node.put("meanAchievableR", cell.meanAchievableR());
      Path subjectDir = dir.resolve(cell.subjectId());
      Files.createDirectories(subjectDir);
      StringBuilder csv = new StringBuilder("voxel,null,achievable_r,noise_sd\n");
      for (int j = 0; j < cell.voxels(); j++) {
        csv.append(j).append(',').append(cell.isNull()[j] ? 1 : 0).append(',')
            .append(cell.isNull()[j] ? "" : String.valueOf(cell.achievableR()[j])).append(',')
            .append(cell.noiseSd()[j]).append('\n');
      }
      Files.writeString(subjectDir.resolve(cell.roi() + ".csv"), csv);
      Npy.write(subjectDir.resolve(cell.roi() + "_weights.npy"), cell.weights(), false, truth.drivers()[0].length,
          cell.voxels());
    }
    json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("truth.json").toFile(), summary);
    double[][] drivers = truth.drivers();
    double[] flat = new double[drivers.length * drivers[0].length];
    for (int t = 0; t < drivers.length; t++) {
      System.arraycopy(drivers[t], 0, flat, t * drivers[0].length, drivers[0].length);
    }
    Npy.write(dir.resolve("drivers.npy"), flat, false, drivers.length, drivers[0].length);
    List<String> ids = experiment.stimuli().stream().map(s -> s.stimulusId() + "\t" + s.split()).toList();
    Files.write(dir.resolve("stimuli.tsv"), ids);
  }
}
