package org.neuroencode.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.neuroencode.app.Main;
import org.neuroencode.app.broker.SharedBroker;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.ingest.synthetic.RoiPlan;
import org.neuroencode.ingest.synthetic.SyntheticExperiment;
import org.neuroencode.ingest.synthetic.SyntheticSpec;
import org.neuroencode.ingest.synthetic.Truth;

/** `neuroencode acquire` against a running service on the shared broker: the synthetic responses land in the topic. */
class AcquireIT {
  private static final String TOKEN = "it-" + UUID.randomUUID();

  @Test
  void shouldPlayASyntheticRunAsVolumesSoThatItsResponsesLandInTheTopicOnceEvenWhenPlayedTwice() throws Exception {
    KafkaSettings kafka = SharedBroker.kafka();
    String exp = "acquire-" + UUID.randomUUID().toString().substring(0, 8);
    String[] args = {"acquire", "--token", TOKEN, "--experiment", exp, "--videos", "10", "--subjects", "1",
        "--voxel-scale", "0.1", "--runs", "1", "--tr-seconds", "0.5", "--speedup", "50", "--threads", "1"};
    try (ServeService service = ServeService.start(kafka, new ServeConfig("127.0.0.1", 0, TOKEN, 1 << 20))) {
      String url = "http://127.0.0.1:" + service.port();
      assertEquals(0, Main.run(withUrl(args, url)));
      assertEquals(0, Main.run(withUrl(args, url)), "played again: everything is already stored");
    }

    SyntheticExperiment experiment = SyntheticExperiment.generate(new SyntheticSpec(exp, 10, 1,
        SyntheticSpec.ALGONAUTS_TEST_FRACTION, Truth.HIDDEN, 1, RoiPlan.algonautsDefaults(0.1), 3, 10, 0.2), 1);
    Map<String, Response> expected = experiment.responsesInScannerOrder().stream().filter(r -> r.getRepetition() == 0)
        .collect(Collectors.toMap(AcquireIT::key, Function.identity()));
    List<Response> stored = StoredResponsesReader.read(kafka, exp);
    assertEquals(90, expected.size(), "10 stimuli x 9 ROIs");
    assertEquals(expected.size(), stored.size());
    for (Response response : stored) {
      double[] want = Tensors.toDoubles(expected.get(key(response)).getValues());
      double[] got = Tensors.toDoubles(response.getValues());
      assertEquals(want.length, got.length);
      for (int v = 0; v < want.length; v++) {
        assertEquals(Float.floatToIntBits((float) want[v]), Float.floatToIntBits((float) got[v]), key(response) + " voxel " + v);
      }
    }
  }

  private static String[] withUrl(String[] args, String url) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--url";
    all[args.length + 1] = url;
    return all;
  }

  private static String key(Response response) {
    return String.join("#", response.getSubjectId(), response.getStimulusId(), response.getRoi(),
        Integer.toString(response.getRepetition()));
  }
}
