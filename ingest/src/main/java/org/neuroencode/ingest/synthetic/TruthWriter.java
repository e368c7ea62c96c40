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
 * Writes the ground truth beside the data:
 * <ul>
 *   <li>{@code truth.json}: the settings, per ROI its subspace's components and coupled sources, per cell the
 *       mean achievable r;</li>
 *   <li>{@code coupling.csv}: the effective ROI×ROI coupling, rows = sources, columns = targets;</li>
 *   <li>{@code rois/<ROI>_subspace.npy} (features × rank, on the centered drivers), {@code _own_signal.npy}
 *       and {@code _latent.npy} (stimuli × rank);</li>
 *   <li>per subject and ROI: {@code <ROI>.csv} (null flag, achievable r, single-trial r, noise sd per voxel),
 *       {@code _weights.npy} (features × voxels), {@code _readouts.npy} (voxels × rank) and
 *       {@code _noise_loadings.npy} (voxels × noise factors);</li>
 *   <li>{@code drivers.npy} (stimuli × features, centered) and {@code stimuli.tsv}.</li>
 * </ul>
 */
public final class TruthWriter {
  static final String COUPLING_CORNER = "source\\target";

  private TruthWriter() {}

  public static void write(SyntheticExperiment experiment, Path dir) throws IOException {
    Files.createDirectories(dir);
    SyntheticSpec spec = experiment.spec();
    GroundTruth truth = experiment.truth();
    ObjectMapper json = new ObjectMapper();
    ObjectNode summary = json.createObjectNode();
    summary.put("experimentId", spec.experimentId());
    summary.put("truth", spec.truth().label());
    summary.put("stimulusDriven", spec.truth().stimulusDriven());
    summary.put("seed", spec.seed());
    summary.put("videos", spec.videos());
    summary.put("testVideos", spec.testVideos());
    summary.put("trainRepetitions", spec.trainRepetitions());
    summary.put("testRepetitions", spec.testRepetitions());
    summary.put("driverFeatures", truth.drivers()[0].length);
    summary.put("subspaceRank", GroundTruth.SUBSPACE_RANK);
    summary.put("couplingStrength", truth.coupling().strength());
    summary.put("coupling", "coupling.csv: rows = source ROI, columns = target ROI; entry = weight of the source's own "
        + "signal in the target's latent signal (strength included). A target's latent = its own signal + sum over "
        + "sources of weight x the source's own signal (never the source's coupled signal), component by component");
    summary.put("achievableR", "Pearson r between the noiseless signal and the mean of the training repetitions, over "
        + "the training stimuli, at this experiment's coupling strength");
    summary.put("singleTrialR", "expected Pearson r between the noiseless signal and one repetition's response, over "
        + "the training stimuli");
    summary.put("plannedAchievableRAtCoupling1", "the achievable r the noise is calibrated to reach at coupling strength 1");
    summary.put("weights", "features x voxels, applied to the centered drivers in drivers.npy");
    ObjectNode noise = summary.putObject("noise");
    noise.put("factors", spec.noise().factors());
    noise.put("sharedFraction", spec.noise().sharedFraction());
    noise.put("model", "noise = sd * (sqrt(sharedFraction) * loading . factors + sqrt(1 - sharedFraction) * own); "
        + "factors: standard normal per (subject, stimulus, repetition), shared by every ROI of the subject; "
        + "loading: unit norm per voxel (<ROI>_noise_loadings.npy); own: standard normal per voxel and trial");
    writeRois(truth, summary.putArray("rois"), dir.resolve("rois"));
    writeCoupling(truth.coupling(), dir.resolve("coupling.csv"));
    ArrayNode cells = summary.putArray("cells");
    for (SubjectRoiTruth cell : truth.cells()) {
      ObjectNode node = cells.addObject();
      node.put("subject", cell.subjectId());
      node.put("roi", cell.roi());
      node.put("voxels", cell.voxels());
      node.put("nullVoxels", cell.nullVoxels());
      node.put("meanAchievableR", cell.meanAchievableR());
      node.put("meanSingleTrialR", cell.meanSingleTrialR());
      writeCell(cell, truth.drivers()[0].length, dir.resolve(cell.subjectId()));
    }
    json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("truth.json").toFile(), summary);
    writeMatrix(dir.resolve("drivers.npy"), truth.drivers());
    List<String> ids = experiment.stimuli().stream().map(s -> s.stimulusId() + "\t" + s.split()).toList();
    Files.write(dir.resolve("stimuli.tsv"), ids);
  }

  private static void writeRois(GroundTruth truth, ArrayNode rois, Path dir) throws IOException {
    Files.createDirectories(dir);
    Coupling coupling = truth.coupling();
    SyntheticSpec spec = truth.spec();
    for (int r = 0; r < spec.rois().size(); r++) {
      RoiPlan plan = spec.rois().get(r);
      RoiSubspace subspace = truth.subspaces().get(r);
      ObjectNode node = rois.addObject();
      node.put("roi", plan.name());
      node.put("plannedAchievableRAtCoupling1", plan.achievableR());
      ArrayNode tier = node.putArray("tierComponents");
      for (int component : subspace.tierComponents()) {
        tier.add(component);
      }
      ArrayNode sources = node.putArray("sources");
      for (int source : coupling.sources(r)) {
        ObjectNode edge = sources.addObject();
        edge.put("roi", coupling.rois().get(source));
        edge.put("weight", coupling.weight(source, r));
      }
      writeMatrix(dir.resolve(plan.name() + "_subspace.npy"), subspace.weights());
      writeMatrix(dir.resolve(plan.name() + "_own_signal.npy"), subspace.signal());
      writeMatrix(dir.resolve(plan.name() + "_latent.npy"), truth.latent(plan.name()));
    }
  }

  private static void writeCoupling(Coupling coupling, Path file) throws IOException {
    StringBuilder csv = new StringBuilder(COUPLING_CORNER);
    for (String roi : coupling.rois()) {
      csv.append(',').append(roi);
    }
    csv.append('\n');
    double[][] matrix = coupling.matrix();
    for (int s = 0; s < matrix.length; s++) {
      csv.append(coupling.rois().get(s));
      for (double weight : matrix[s]) {
        csv.append(',').append(weight);
      }
      csv.append('\n');
    }
    Files.writeString(file, csv);
  }

  private static void writeCell(SubjectRoiTruth cell, int features, Path subjectDir) throws IOException {
    Files.createDirectories(subjectDir);
    StringBuilder csv = new StringBuilder("voxel,null,achievable_r,single_trial_r,noise_sd\n");
    for (int j = 0; j < cell.voxels(); j++) {
      boolean isNull = cell.isNull()[j];
      csv.append(j).append(',').append(isNull ? 1 : 0).append(',')
          .append(isNull ? "" : String.valueOf(cell.achievableR()[j])).append(',')
          .append(isNull ? "" : String.valueOf(cell.singleTrialR()[j])).append(',')
          .append(cell.noiseSd()[j]).append('\n');
    }
    Files.writeString(subjectDir.resolve(cell.roi() + ".csv"), csv);
    Npy.write(subjectDir.resolve(cell.roi() + "_weights.npy"), cell.weights(), false, features, cell.voxels());
    writeMatrix(subjectDir.resolve(cell.roi() + "_readouts.npy"), cell.readouts());
    if (cell.noiseLoadings()[0].length > 0) {
      writeMatrix(subjectDir.resolve(cell.roi() + "_noise_loadings.npy"), cell.noiseLoadings());
    }
  }

  private static void writeMatrix(Path file, double[][] rows) throws IOException {
    int columns = rows[0].length;
    double[] flat = new double[rows.length * columns];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * columns, columns);
    }
    Npy.write(file, flat, false, rows.length, columns);
  }
}
