package org.neuroencode.ingest.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.core.io.Npy;
import org.neuroencode.core.io.NpyArray;

class TruthWriterTest {

  @Test
  void shouldWriteTheCouplingSubspacesNoiseAndReliabilitiesBesideTheData(@TempDir Path dir) throws Exception {
    SyntheticSpec spec = SyntheticSpec.defaults("truth-writer", 40, 1, Truth.HIDDEN, 5).withCouplingStrength(0.5);
    SyntheticExperiment experiment = SyntheticExperiment.generate(spec, 2);
    TruthWriter.write(experiment, dir);

    List<String> coupling = Files.readAllLines(dir.resolve("coupling.csv"));
    assertEquals("source\\target,V1,V2,V3,V4,LOC,EBA,FFA,STS,PPA", coupling.get(0), "rows are sources");
    assertEquals(10, coupling.size());
    String[] v1 = coupling.get(1).split(",");
    String[] v2 = coupling.get(2).split(",");
    assertEquals("V1", v1[0]);
    assertEquals(0.5 * Coupling.FEEDFORWARD, Double.parseDouble(v1[2]), "V1 -> V2 at strength 0.5");
    assertEquals(0.5 * Coupling.FEEDBACK, Double.parseDouble(v2[1]), "V2 -> V1, the weaker feedback");

    JsonNode truth = new ObjectMapper().readTree(dir.resolve("truth.json").toFile());
    assertEquals(0.5, truth.get("couplingStrength").asDouble());
    assertEquals(NoiseSpec.DEFAULT_FACTORS, truth.get("noise").get("factors").asInt());
    assertEquals(NoiseSpec.DEFAULT_SHARED_FRACTION, truth.get("noise").get("sharedFraction").asDouble());
    JsonNode v2Node = truth.get("rois").get(1);
    assertEquals("V2", v2Node.get("roi").asText());
    assertEquals("V1", v2Node.get("sources").get(0).get("roi").asText());
    assertEquals(9, truth.get("cells").size());
    assertTrue(truth.get("cells").get(0).get("meanAchievableR").asDouble() > 0);

    GroundTruth ground = experiment.truth();
    NpyArray subspace = Npy.read(dir.resolve("rois/V1_subspace.npy"));
    assertArrayEquals(new int[] {ground.drivers()[0].length, GroundTruth.SUBSPACE_RANK}, subspace.shape());
    NpyArray latent = Npy.read(dir.resolve("rois/V2_latent.npy"));
    assertEquals(ground.latent("V2")[3][1], latent.values()[3 * 2 * GroundTruth.SUBSPACE_RANK + 1]);
    SubjectRoiTruth cell = ground.cell("sub01", "V1");
    NpyArray loadings = Npy.read(dir.resolve("sub01/V1_noise_loadings.npy"));
    assertArrayEquals(new int[] {cell.voxels(), NoiseSpec.DEFAULT_FACTORS}, loadings.shape());
    List<String> voxels = Files.readAllLines(dir.resolve("sub01/V1.csv"));
    assertEquals("voxel,null,achievable_r,single_trial_r,noise_sd", voxels.get(0));
    assertEquals(cell.voxels() + 1, voxels.size());
  }
}
