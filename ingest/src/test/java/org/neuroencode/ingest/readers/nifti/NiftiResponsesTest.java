package org.neuroencode.ingest.readers.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.core.schema.DType;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.tensor.Tensors;

class NiftiResponsesTest {
  @TempDir static Path dir;
  static JsonNode expected;
  static NiftiEvents events;
  static List<RoiMask> rois;

  @BeforeAll
  static void writeFixtures() throws Exception {
    expected = NiftiFixtures.write(dir);
    events = NiftiEvents.read(dir.resolve("events.tsv"));
    rois = RoiMasks.fromLabels(dir.resolve("labels.nii.gz"), dir.resolve("labels.tsv"));
  }

  @Test
  void registersEachStimulusOnceWithItsSplitRepetitionsAndRoiVoxelCounts() {
    Experiment experiment = NiftiResponses.experiment("exp", "sub01", rois, events, "bold.nii.gz");
    assertEquals(List.of("a", "b", "c"), experiment.getStimuli().stream().map(s -> s.getStimulusId()).toList());
    assertEquals(Split.TEST, experiment.getStimuli().get(2).getSplit());
    assertEquals(2, experiment.getTrainRepetitions());
    assertEquals(2, experiment.getTestRepetitions());
    assertEquals(List.of(expected.get("roiVoxels").get("V1").asInt(), expected.get("roiVoxels").get("EBA").asInt()),
        experiment.getSubjects().get(0).getRois().stream().map(roi -> roi.getVoxels()).toList());
  }

  @Test
  void keepsFloat64AsFloat64AndPublishesOneResponsePerVolumeAndRoiInEventOrder() throws Exception {
    List<Response> responses = publish(VolumeSeries.ofFile(dir.resolve("n1_f64_le.nii.gz")));
    assertEquals(6 * 2, responses.size());
    Response third = responses.get(4);
    assertEquals("a", third.getStimulusId());
    assertEquals(1, third.getRepetition());
    assertEquals("V1", third.getRoi());
    assertEquals(DType.FLOAT64, third.getValues().getDtype());
    NiftiFixtures.assertBits(expected.get("files").get("n1_f64_le.nii.gz").get("V1").get(2),
        Tensors.toDoubles(third.getValues()), "volume 2 V1");
  }

  @Test
  void publishesScaledIntegersAsFloat32() throws Exception {
    List<Response> responses = publish(VolumeSeries.ofFile(dir.resolve("n1_i16_scaled_be.nii")));
    assertEquals(DType.FLOAT32, responses.get(0).getValues().getDtype());
    JsonNode want = expected.get("files").get("n1_i16_scaled_be.nii").get("EBA").get(0);
    double[] got = Tensors.toDoubles(responses.get(1).getValues());
    for (int i = 0; i < got.length; i++) {
      assertEquals((float) Double.longBitsToDouble(want.get(i).asLong()), (float) got[i], "voxel " + i);
    }
  }

  @Test
  void readsAFolderOfThreeDimensionalVolumesInFileNameOrder() throws Exception {
    List<Response> responses = publish(VolumeSeries.ofFolder(dir.resolve("volumes")));
    for (int t = 0; t < 6; t++) {
      NiftiFixtures.assertBits(expected.get("volumesV1").get(t), Tensors.toDoubles(responses.get(2 * t).getValues()),
          "volume " + t);
    }
    assertEquals("vol005.nii.gz", responses.get(10).getSource());
  }

  @Test
  void refusesEventsThatDoNotCountTheVolumes() throws Exception {
    Path shortEvents = dir.resolve("short_events.tsv");
    Files.writeString(shortEvents, "stimulus\trepetition\na\t0\n");
    Path bold = dir.resolve("n1_f32_le.nii");
    try (VolumeSeries series = VolumeSeries.ofFile(bold)) {
      IOException error = assertThrows(IOException.class,
          () -> NiftiResponses.check(series, NiftiEvents.read(shortEvents), rois, Map.of()));
      assertEquals(bold + ": 6 volumes but the events list 1", error.getMessage());
    }
  }

  private static List<Response> publish(VolumeSeries series) throws IOException {
    List<Response> responses = new ArrayList<>();
    try (series) {
      NiftiResponses.check(series, events, rois, Map.of());
      NiftiResponses.publish(series, events, rois, "exp", "sub01", responses::add);
    }
    return responses;
  }
}
