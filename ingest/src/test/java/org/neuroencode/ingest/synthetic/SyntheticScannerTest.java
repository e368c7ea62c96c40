package org.neuroencode.ingest.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuroencode.core.schema.DType;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.RoiSpec;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.ingest.timeseries.EventsTable;
import org.neuroencode.ingest.timeseries.RepetitionCounter;
import org.neuroencode.ingest.timeseries.ResponseWindower;
import org.neuroencode.ingest.timeseries.RoiLayout;
import org.neuroencode.ingest.timeseries.StimulusEvent;
import org.neuroencode.ingest.timeseries.TrWindow;
import org.neuroencode.ingest.timeseries.WindowedResponse;

class SyntheticScannerTest {

  @Test
  void shouldGiveBackTheSyntheticResponsesWhenItsRunsAreWindowed() {
    SyntheticSpec defaults = SyntheticSpec.defaults("scan", 12, 2, Truth.HIDDEN, 5);
    SyntheticSpec spec = new SyntheticSpec("scan", 12, 2, 0.25, Truth.HIDDEN, 5, RoiPlan.algonautsDefaults(0.1),
        2, 3, defaults.nullFraction());
    SyntheticExperiment experiment = SyntheticExperiment.generate(spec, 1);
    double tr = 1.75;
    SyntheticScanner scanner = new SyntheticScanner(experiment, TrWindow.BOLD_MOMENTS, tr);
    Map<String, Response> expected = new HashMap<>();
    experiment.responsesInScannerOrder().forEach(r -> expected.put(key(r), r));

    List<Response> windowed = new ArrayList<>();
    for (var subject : experiment.registryEntry().getSubjects()) {
      RoiLayout layout = RoiLayout.of(subject.getRois());
      RepetitionCounter counter = new RepetitionCounter();
      for (int run = 0; run < scanner.runs(); run++) {
        List<StimulusEvent> events = EventsTable.parse(scanner.eventsTsv(run), "run " + run, null, counter);
        ResponseWindower windower = new ResponseWindower(events, TrWindow.BOLD_MOMENTS, tr, layout.total());
        for (int t = 0; t < scanner.volumes(run); t++) {
          for (WindowedResponse response : windower.accept(t, scanner.volume(subject.getSubjectId(), run, t))) {
            windowed.addAll(layout.responses(response, "scan", subject.getSubjectId(), DType.FLOAT32, "test", 0));
          }
        }
        assertEquals(List.of(), windower.pending(), "every window fits in its run");
      }
      assertEquals(subject.getRois().stream().mapToInt(RoiSpec::getVoxels).sum(), layout.total());
    }

    assertEquals(expected.size(), windowed.size());
    for (Response response : windowed) {
      Response want = expected.get(key(response));
      assertEquals(Tensors.toDoubles(want.getValues()).length, Tensors.toDoubles(response.getValues()).length);
      double[] got = Tensors.toDoubles(response.getValues());
      double[] wanted = Tensors.toDoubles(want.getValues());
      for (int v = 0; v < got.length; v++) {
        assertEquals(Float.floatToIntBits((float) wanted[v]), Float.floatToIntBits((float) got[v]), key(response) + " voxel " + v);
      }
    }
  }

  private static String key(Response response) {
    return String.join("#", response.getSubjectId(), response.getStimulusId(), response.getRoi(),
        Integer.toString(response.getRepetition()));
  }
}
