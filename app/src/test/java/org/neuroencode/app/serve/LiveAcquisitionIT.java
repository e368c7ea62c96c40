package org.neuroencode.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.app.Main;
import org.neuroencode.app.broker.SharedBroker;
import org.neuroencode.core.testing.FixtureScripts;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.io.Npy;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.RunVolume;
import org.neuroencode.core.schema.ScanRecord;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.ingest.publish.RecordPublisher;
import org.neuroencode.ingest.readers.nifti.NiftiVolumes;
import org.neuroencode.ingest.readers.nifti.RoiMask;
import org.neuroencode.ingest.readers.nifti.RoiMasks;

/**
 * Scanner runs over HTTP (events, then volumes one TR at a time) against the batch command on the same NIfTI runs
 * (scripts/fixtures/make_timeseries.py), the experiment registration route, the error codes, and a restart.
 */
class LiveAcquisitionIT {
  private static final String TOKEN = "it-" + UUID.randomUUID();
  private static final String TAG = UUID.randomUUID().toString().substring(0, 8);
  private static final String NPY = "application/x-npy";
  private static final String TSV = "text/tab-separated-values";
  private static final String JSON = "application/json";
  @TempDir static Path dir;
  private static KafkaSettings kafka;
  private static ServeService service;
  private static ServeClient client;
  private static List<RoiMask> rois;

  @BeforeAll
  static void start() throws Exception {
    kafka = SharedBroker.kafka();
    FixtureScripts.run("make_timeseries.py", dir.toString());
    rois = RoiMasks.fromLabels(dir.resolve("ts_labels.nii.gz"), dir.resolve("ts_labels.tsv"));
    service = ServeService.start(kafka, config());
    client = new ServeClient(service.port(), TOKEN);
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
  }

  private static ServeConfig config() {
    return new ServeConfig("127.0.0.1", 0, TOKEN, 1 << 20);
  }

  /** Subject sub01 with the fixture's ROIs, in the label table's order, and its four stimuli. */
  private static byte[] spec(String experiment, int trainRepetitions, String... stimuli) {
    return new JsonObject().put("experiment", experiment).put("trainRepetitions", trainRepetitions)
        .put("testRepetitions", 0)
        .put("subjects", new JsonObject().put("sub01", new JsonObject().put("V1", 24).put("FFA", 6)))
        .put("stimuli", new JsonObject().put("train", new JsonArray(List.of((Object[]) stimuli))))
        .encode().getBytes(StandardCharsets.UTF_8);
  }

  private static String eventsPath(String experiment, String run, String query) {
    return "/v1/experiments/" + experiment + "/subjects/sub01/runs/" + run + "/events?" + query;
  }

  private static String volumePath(String experiment, String run, int tr) {
    return "/v1/experiments/" + experiment + "/subjects/sub01/volumes?run=" + run + "&tr=" + tr;
  }

  /** Each volume's ROI voxels, V1 then FFA, as the scanner side would post them. */
  private static double[][] volumes(Path bold) throws Exception {
    List<double[]> volumes = new ArrayList<>();
    try (NiftiVolumes series = NiftiVolumes.open(bold)) {
      while (series.hasNext()) {
        var volume = series.next();
        volumes.add(rois.stream().map(roi -> volume.select(roi.voxels())).flatMapToDouble(java.util.Arrays::stream).toArray());
      }
    }
    return volumes.toArray(double[][]::new);
  }

  private static void assertStatus(int status, HttpResponse<String> reply) {
    assertEquals(status, reply.statusCode(), reply.body());
    if (status >= 400) {
      assertTrue(new JsonObject(reply.body()).getString("error").length() > 0, reply.body());
    }
  }

  private static String key(Response response) {
    return response.getStimulusId() + "#" + response.getRoi() + "#" + response.getRepetition();
  }

  @Test
  void shouldStoreLiveTheResponsesTheBatchCommandStoresAndEachAsSoonAsItsWindowIsComplete() throws Exception {
    String batch = "ts-batch-" + TAG;
    String live = "ts-live-" + TAG;
    List<String> args = new ArrayList<>(List.of("ingest", "timeseries", "--bootstrap-servers", kafka.bootstrapServers(),
        "--experiment", batch, "--subject", "sub01", "--labels", dir.resolve("ts_labels.nii.gz").toString(),
        "--label-names", dir.resolve("ts_labels.tsv").toString()));
    for (String run : List.of("run1", "run2")) {
      args.addAll(List.of("--bold", dir.resolve(run.equals("run1") ? "run1_bold.nii.gz" : "run2_bold.nii").toString(),
          "--events", dir.resolve(run + "_events.tsv").toString()));
    }
    assertEquals(0, Main.run(args.toArray(String[]::new)));
    assertStatus(201, client.put("/v1/experiments/" + live, JSON, spec(live, 3, "vid01", "vid02", "vid03", "vid04")));

    Random random = new Random(17);
    for (String run : List.of("run1", "run2")) {
      HttpResponse<String> registered = client.put(eventsPath(live, run, "tr=1.5"), TSV,
          Files.readAllBytes(dir.resolve(run + "_events.tsv")));
      assertStatus(201, registered);
      double[][] volumes = volumes(dir.resolve(run.equals("run1") ? "run1_bold.nii.gz" : "run2_bold.nii"));
      List<Integer> order = new ArrayList<>(IntStream.range(0, volumes.length).boxed().toList());
      Collections.shuffle(order, random);
      Map<String, Integer> emittedAtStep = new HashMap<>();
      for (int step = 0; step < order.size(); step++) {
        int t = order.get(step);
        HttpResponse<String> reply = client.post(volumePath(live, run, t), NPY, Npy.bytes(volumes[t], false, volumes[t].length));
        assertStatus(202, reply);
        for (Object emitted : new JsonObject(reply.body()).getJsonArray("responses")) {
          JsonObject response = (JsonObject) emitted;
          assertTrue(response.getLong("offset") >= 0, response.encode());
          emittedAtStep.put(response.getString("stimulus") + "#" + response.getInteger("repetition"), step);
        }
      }
      for (Object described : new JsonObject(registered.body()).getJsonArray("events")) {
        JsonObject window = (JsonObject) described;
        String event = window.getString("stimulus") + "#" + window.getInteger("repetition");
        if (window.getInteger("lastVolume") >= volumes.length) {
          assertEquals(null, emittedAtStep.get(event), event + " runs past the end");
          continue;
        }
        int filledAt = IntStream.rangeClosed(window.getInteger("firstVolume"), window.getInteger("lastVolume"))
            .map(order::indexOf).max().orElseThrow();
        assertEquals(filledAt, emittedAtStep.get(event), run + " " + event);
      }
    }

    Map<String, Response> batchResponses = StoredResponsesReader.read(kafka, batch).stream()
        .collect(Collectors.toMap(LiveAcquisitionIT::key, r -> r));
    Map<String, Response> liveResponses = StoredResponsesReader.read(kafka, live).stream()
        .collect(Collectors.toMap(LiveAcquisitionIT::key, r -> r));
    assertEquals(18, batchResponses.size(), "9 windows inside the runs x 2 ROIs");
    assertEquals(batchResponses.keySet(), liveResponses.keySet());
    for (String response : batchResponses.keySet()) {
      double[] fromBatch = Tensors.toDoubles(batchResponses.get(response).getValues());
      double[] fromLive = Tensors.toDoubles(liveResponses.get(response).getValues());
      assertEquals(fromBatch.length, fromLive.length);
      for (int v = 0; v < fromBatch.length; v++) {
        // batch stores float32 (the runs are float32 and int16), live the float64 it was sent: the same mean
        assertEquals(Float.floatToIntBits((float) fromBatch[v]), Float.floatToIntBits((float) fromLive[v]), response + " voxel " + v);
      }
    }
    JsonObject runs = new JsonObject(client.get("/v1/experiments/" + live).body()).getJsonObject("runs").getJsonObject("sub01");
    assertEquals(40, runs.getJsonObject("run1").getInteger("volumes"));
    assertEquals(1, runs.getJsonObject("run1").getInteger("pendingEvents"));
    assertEquals(0, runs.getJsonObject("run2").getInteger("pendingEvents"));
  }

  @Test
  void shouldAnswerMalformedEventsAndVolumesWithClearErrors() {
    String exp = "ts-errors-" + TAG;
    assertStatus(201, client.put("/v1/experiments/" + exp, JSON, spec(exp, 1, "a", "b")));
    byte[] events = "onset\tduration\tstimulus\n0\t1\ta\n2\t1\tb\n".getBytes(StandardCharsets.UTF_8);

    assertStatus(400, client.put(eventsPath(exp, "r1", ""), TSV, events));
    assertStatus(400, client.put(eventsPath(exp, "r1", "tr=-2"), TSV, events));
    assertStatus(400, client.put(eventsPath(exp, "r1", "tr=2&window=9-5"), TSV, events));
    assertStatus(400, client.put(eventsPath(exp, "r1", "tr=2"), TSV, "onset\tstimulus\n0\ta\n".getBytes(StandardCharsets.UTF_8)));
    assertStatus(400, client.put(eventsPath(exp, "r1", "tr=2"), TSV, new byte[0]));
    assertStatus(422, client.put(eventsPath(exp, "r1", "tr=2"), TSV, "onset\tduration\tstimulus\n0\t1\tzzz\n".getBytes(StandardCharsets.UTF_8)));
    assertStatus(422, client.put(eventsPath(exp, "r1", "tr=2"), TSV, "onset\tduration\tstimulus\n0\t1\ta\n9\t1\ta\n".getBytes(StandardCharsets.UTF_8)));
    assertStatus(422, client.put(eventsPath(exp, "r1", "tr=2").replace("sub01", "sub09"), TSV, events));
    assertStatus(404, client.put(eventsPath("no-such-exp", "r1", "tr=2"), TSV, events));
    assertStatus(404, client.post(volumePath(exp, "r1", 0), NPY, Npy.bytes(new double[30], false, 30)));
    assertStatus(201, client.put(eventsPath(exp, "r1", "tr=2"), TSV, events));
    assertStatus(200, client.put(eventsPath(exp, "r1", "tr=2"), TSV, events));
    assertStatus(409, client.put(eventsPath(exp, "r1", "tr=2.5"), TSV, events));
    assertStatus(422, client.put(eventsPath(exp, "r2", "tr=2"), TSV, events), "a second run would need repetition 1 of 1");

    double[] nan = new double[30];
    nan[4] = Double.NaN;
    assertStatus(422, client.post(volumePath(exp, "r1", 0), NPY, Npy.bytes(new double[29], false, 29)));
    assertStatus(422, client.post(volumePath(exp, "r1", 0), NPY, Npy.bytes(nan, false, 30)));
    assertStatus(400, client.post(volumePath(exp, "r1", 0).replace("tr=0", "tr=-1"), NPY, Npy.bytes(new double[30], false, 30)));
    assertStatus(400, client.post(volumePath(exp, "r1", 0).replace("tr=0", "tr=x"), NPY, Npy.bytes(new double[30], false, 30)));
    assertStatus(400, client.post(volumePath(exp, "r1", 0), NPY, "not an npy".getBytes(StandardCharsets.UTF_8)));
    assertStatus(202, client.post(volumePath(exp, "r1", 0), NPY, Npy.bytes(new double[30], false, 30)));
    assertStatus(409, client.post(volumePath(exp, "r1", 0), NPY, Npy.bytes(new double[30], false, 30)));
    assertStatus(401, client.withToken(null).post(volumePath(exp, "r1", 1), NPY, Npy.bytes(new double[30], false, 30)));
  }

  private static void assertStatus(int status, HttpResponse<String> reply, String why) {
    assertEquals(status, reply.statusCode(), why + ": " + reply.body());
  }

  @Test
  void shouldRegisterAnExperimentFromASpecOnceAndReplaceItOnlyWhenAsked() {
    String exp = "ts-spec-" + TAG;
    String path = "/v1/experiments/" + exp;

    assertStatus(401, client.withToken(null).put(path, JSON, spec(exp, 2, "a")));
    assertStatus(201, client.put(path, JSON, spec(exp, 2, "a")));
    assertStatus(200, client.put(path, JSON, spec(exp, 2, "a")));
    assertStatus(409, client.put(path, JSON, spec(exp, 3, "a")));
    assertStatus(200, client.put(path + "?replace=true", JSON, spec(exp, 3, "a")));
    assertEquals(3, new JsonObject(client.get(path).body()).getJsonObject("experiment").getInteger("trainRepetitions"));
    String yaml = "experiment: " + exp + "-yaml\ntrainRepetitions: 1\ntestRepetitions: 0\nsubjects:\n  sub01: {V1: 3}\nstimuli:\n  train: [a, b]\n";
    assertStatus(201, client.put(path + "-yaml", "application/yaml", yaml.getBytes(StandardCharsets.UTF_8)));

    HttpResponse<String> noSubjects = client.put(path + "-bad", JSON,
        ("{\"experiment\": \"" + exp + "-bad\", \"trainRepetitions\": 1, \"testRepetitions\": 0, "
            + "\"stimuli\": {\"train\": [\"a\"]}}").getBytes(StandardCharsets.UTF_8));
    assertStatus(400, noSubjects);
    assertTrue(noSubjects.body().contains("subjects"), noSubjects.body());
    assertStatus(400, client.put(path + "-bad", JSON, "{\"experiment\": ".getBytes(StandardCharsets.UTF_8)));
    assertStatus(400, client.put(path + "-other", JSON, spec(exp, 2, "a")));
    String fileReference = "experiment: " + exp + "-file\ntrainRepetitions: 1\ntestRepetitions: 0\nsubjects:\n  sub01: {V1: 3}\nstimuli:\n  trainFile: /etc/passwd\n";
    HttpResponse<String> refused = client.put(path + "-file", "application/yaml", fileReference.getBytes(StandardCharsets.UTF_8));
    assertStatus(400, refused);
    assertTrue(refused.body().contains("inline"), refused.body());
  }

  @Test
  void shouldCompleteAfterARestartTheWindowsWhoseVolumesWereRecordedBeforeIt() throws Exception {
    String exp = "ts-restart-" + TAG;
    byte[] events = "onset\tduration\tstimulus\n0\t1\ta\n2\t1\tb\n".getBytes(StandardCharsets.UTF_8);
    double[][] volumes = new double[12][];
    Random random = new Random(3);
    for (int t = 0; t < volumes.length; t++) {
      volumes[t] = random.doubles(30).toArray();
    }
    try (ServeService first = ServeService.start(kafka, config())) {
      ServeClient before = new ServeClient(first.port(), TOKEN);
      assertStatus(201, before.put("/v1/experiments/" + exp, JSON, spec(exp, 1, "a", "b")));
      assertStatus(201, before.put(eventsPath(exp, "r1", "tr=1"), TSV, events));
      for (int t = 0; t < 9; t++) {
        assertStatus(202, before.post(volumePath(exp, "r1", t), NPY, Npy.bytes(volumes[t], false, 30)));
      }
    }
    // volume 9, which completes a's window (5-9), recorded by a service that stopped before storing a's responses
    try (RecordPublisher publisher = new RecordPublisher(kafka, "live-it")) {
      publisher.send(Topics.SCANS, String.join("/", exp, "sub01", "r1"), ScanRecord.newBuilder().setExperimentId(exp)
          .setSubjectId("sub01").setRun("r1").setVolume(new RunVolume(9, Tensors.vector(volumes[9],
              org.neuroencode.core.schema.DType.FLOAT64))).setReceivedAtMs(1L).build());
      publisher.flush();
    }
    assertTrue(StoredResponsesReader.read(kafka, exp).isEmpty());

    try (ServeService second = ServeService.start(kafka, config())) {
      ServeClient after = new ServeClient(second.port(), TOKEN);
      assertEquals(List.of("a#FFA#0", "a#V1#0"), StoredResponsesReader.read(kafka, exp).stream()
          .map(LiveAcquisitionIT::key).sorted().toList(), "stored by the replay");
      assertStatus(409, after.post(volumePath(exp, "r1", 9), NPY, Npy.bytes(volumes[9], false, 30)));
      assertStatus(202, after.post(volumePath(exp, "r1", 10), NPY, Npy.bytes(volumes[10], false, 30)));
      HttpResponse<String> last = after.post(volumePath(exp, "r1", 11), NPY, Npy.bytes(volumes[11], false, 30));
      assertStatus(202, last);
      assertEquals(2, new JsonObject(last.body()).getJsonArray("responses").size(), "b (7-11), both ROIs");
    }
    List<Response> stored = StoredResponsesReader.read(kafka, exp);
    assertEquals(4, stored.size());
    Response b = stored.stream().filter(r -> r.getStimulusId().equals("b") && r.getRoi().equals("V1")).findFirst().orElseThrow();
    double[] want = new double[24];
    for (int t = 7; t <= 11; t++) {
      for (int v = 0; v < 24; v++) {
        want[v] += volumes[t][v];
      }
    }
    for (int v = 0; v < 24; v++) {
      assertEquals(want[v] / 5, Tensors.toDoubles(b.getValues())[v], 1e-15, "voxel " + v);
    }
  }
}
