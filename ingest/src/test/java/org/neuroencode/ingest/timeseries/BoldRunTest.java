package org.neuroencode.ingest.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.ingest.readers.Fixtures;
import org.neuroencode.ingest.readers.nifti.RoiMask;
import org.neuroencode.ingest.readers.nifti.RoiMasks;

/** The batch path against numpy on nibabel-written runs (scripts/fixtures/make_timeseries.py). */
class BoldRunTest {
  @TempDir static Path dir;
  private static JsonNode expected;
  private static List<RoiMask> rois;

  @BeforeAll
  static void writeFixtures() throws Exception {
    Fixtures.runScript("make_timeseries.py", dir.toString());
    expected = new ObjectMapper().readTree(dir.resolve("timeseries_expected.json").toFile());
    rois = RoiMasks.fromLabels(dir.resolve("ts_labels.nii.gz"), dir.resolve("ts_labels.tsv"));
  }

  @Test
  void shouldReadTheTrFromTheHeaderInItsTimeUnit() throws IOException {
    for (JsonNode run : expected.get("runs")) {
      assertEquals(run.get("tr").asDouble(), BoldRun.repetitionSeconds(dir.resolve(run.get("file").asText()), 0), 1e-12);
    }
    assertEquals(2.0, BoldRun.repetitionSeconds(dir.resolve("run2_bold.nii"), 2.0));
  }

  @Test
  void shouldAverageTheWindowAfterEachOnsetAsNumpyDoesWithAndWithoutDetrendingAndZScoring() throws IOException {
    assertEquals(expected.get("roiVoxels").get("V1").asInt() + expected.get("roiVoxels").get("FFA").asInt(),
        rois.stream().mapToInt(roi -> roi.voxels().length).sum());
    for (JsonNode testCase : expected.get("cases")) {
      TrWindow window = new TrWindow(testCase.get("window").get(0).asInt(), testCase.get("window").get(1).asInt());
      RunNormalization.Options options = new RunNormalization.Options(testCase.get("detrend").asBoolean(),
          testCase.get("zscore").asBoolean());
      RepetitionCounter counter = new RepetitionCounter();
      for (Map.Entry<String, JsonNode> run : iterable(expected.get("runs"))) {
        String what = run.getKey() + " " + window + " " + options;
        List<WindowedResponse> got = runBatch(run.getValue(), window, options, counter);
        JsonNode want = testCase.get("responses").get(run.getKey());
        assertEquals(want.size(), got.size(), what + ": responses");
        for (int i = 0; i < got.size(); i++) {
          JsonNode w = want.get(i);
          WindowedResponse g = got.get(i);
          assertEquals(w.get("stimulus").asText(), g.event().stimulusId(), what);
          assertEquals(w.get("repetition").asInt(), g.event().repetition(), what);
          assertEquals(w.get("first").asInt(), g.firstVolume(), what);
          assertEquals(w.get("last").asInt(), g.lastVolume(), what);
          for (int v = 0; v < g.values().length; v++) {
            double x = w.get("values").get(v).asDouble();
            assertEquals(x, g.values()[v], 1e-9 * Math.max(1, Math.abs(x)), what + " response " + i + " voxel " + v);
          }
        }
      }
    }
  }

  @Test
  void shouldReportTheEventsWhoseWindowRunsPastTheLastVolume() throws IOException {
    JsonNode run1 = expected.get("runs").get("run1");
    List<StimulusEvent> events = events(run1, new RepetitionCounter());

    BoldRun.Result result = BoldRun.process(dir.resolve(run1.get("file").asText()), rois, events, TrWindow.BOLD_MOMENTS,
        run1.get("tr").asDouble(), RunNormalization.Options.NONE, response -> { });

    assertEquals(40, result.volumes());
    assertEquals(5, result.responses());
    assertEquals(List.of("vid04"), result.pastTheEnd().stream().map(StimulusEvent::stimulusId).toList());
  }

  @Test
  void shouldNameTheFileWhenTheHeaderGivesNoTr() {
    Path noTr = dir.resolve("no_tr_bold.nii");
    IOException failure = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
        () -> BoldRun.repetitionSeconds(noTr, 0));
    assertTrue(failure.getMessage().startsWith(noTr.toString()), failure.getMessage());
  }

  private static List<WindowedResponse> runBatch(JsonNode run, TrWindow window, RunNormalization.Options options,
      RepetitionCounter counter) throws IOException {
    List<WindowedResponse> got = new ArrayList<>();
    BoldRun.process(dir.resolve(run.get("file").asText()), rois, events(run, counter), window, run.get("tr").asDouble(),
        options, got::add);
    return got;
  }

  private static List<StimulusEvent> events(JsonNode run, RepetitionCounter counter) throws IOException {
    Path file = dir.resolve(run.get("events").asText());
    return EventsTable.parse(Files.readString(file), file.toString(), null, counter);
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node::fields;
  }
}
