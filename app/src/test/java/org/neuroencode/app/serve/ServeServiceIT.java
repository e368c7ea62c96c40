package org.neuroencode.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.app.broker.SharedBroker;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.io.Npy;
import org.neuroencode.core.schema.DType;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.RoiSpec;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.StimulusSpec;
import org.neuroencode.core.schema.SubjectSpec;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.ingest.publish.RecordPublisher;

class ServeServiceIT {
  private static final String TOKEN = "it-" + UUID.randomUUID();
  private static final String EXP = "serve-it-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String JSON = "application/json";
  private static final String NPY = "application/x-npy";
  private static final int V1_VOXELS = 4;
  private static final int STIMULI = 500;
  private static final long BODY_LIMIT = 64 * 1024;
  private static KafkaSettings kafka;
  private static ServeService service;
  private static ServeClient client;

  @BeforeAll
  static void registerTheExperimentAndStart() throws Exception {
    kafka = SharedBroker.kafka();
    try (RecordPublisher publisher = new RecordPublisher(kafka, "serve-it")) {
      publisher.send(Topics.EXPERIMENTS, EXP, experiment());
      publisher.flush();
    }
    service = ServeService.start(kafka, new ServeConfig("127.0.0.1", 0, TOKEN, BODY_LIMIT));
    client = new ServeClient(service.port(), TOKEN);
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
  }

  private static Experiment experiment() {
    List<StimulusSpec> stimuli = new ArrayList<>();
    IntStream.range(0, STIMULI).forEach(i -> stimuli.add(new StimulusSpec("s" + i, Split.TRAIN)));
    stimuli.add(new StimulusSpec("t0", Split.TEST));
    List<RoiSpec> rois = List.of(new RoiSpec("V1", V1_VOXELS, null), new RoiSpec("V2", 2, null));
    return Experiment.newBuilder().setExperimentId(EXP).setDescription("serve IT")
        .setSubjects(List.of(new SubjectSpec("sub01", rois), new SubjectSpec("sub02", rois), new SubjectSpec("sub03", rois)))
        .setStimuli(stimuli).setTrainRepetitions(2).setTestRepetitions(10).setCreatedAtMs(1L).build();
  }

  private static byte[] json(double... values) {
    return new JsonObject().put("values", new JsonArray(java.util.Arrays.stream(values).boxed().toList())).encode()
        .getBytes(StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> postV1(String subject, String stimulus, int repetition) {
    return client.post(ServeClient.responsesPath(EXP, subject, stimulus, "V1", repetition), JSON, json(1, 2, 3, 4));
  }

  private static void assertError(int status, HttpResponse<String> response) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(new JsonObject(response.body()).getString("error").length() > 0, response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(JSON));
  }

  @Test
  void acceptsAJsonResponseWithTheKafkaCoordinatesAndStoresItAsFloat64() {
    HttpResponse<String> reply = postV1("sub01", "s0", 0);

    assertEquals(202, reply.statusCode(), reply.body());
    JsonObject ack = new JsonObject(reply.body());
    assertEquals(Topics.RESPONSES.name(), ack.getString("topic"));
    assertTrue(ack.getLong("offset") >= 0);
    Response stored = storedOnce("sub01", "s0", "V1", 0);
    assertEquals(DType.FLOAT64, stored.getValues().getDtype());
    assertEquals("http", stored.getSource());
  }

  @Test
  void keepsTheDtypeOfAnNpyBody(@TempDir Path dir) throws Exception {
    for (boolean float32 : new boolean[] {true, false}) {
      Path file = dir.resolve(float32 + ".npy");
      Npy.write(file, new double[] {0.5, -1.25}, float32, 2);
      String stimulus = float32 ? "s1" : "s2";

      HttpResponse<String> reply = client.post(ServeClient.responsesPath(EXP, "sub01", stimulus, "V2", 0), NPY, Files.readAllBytes(file));

      assertEquals(202, reply.statusCode(), reply.body());
      assertEquals(float32 ? DType.FLOAT32 : DType.FLOAT64, storedOnce("sub01", stimulus, "V2", 0).getValues().getDtype());
    }
  }

  @Test
  void storesADuplicateOnceAndAnswersTheSecondWith409AndTheOriginalCoordinates() {
    HttpResponse<String> first = postV1("sub01", "s3", 1);
    HttpResponse<String> second = postV1("sub01", "s3", 1);

    assertEquals(202, first.statusCode(), first.body());
    assertError(409, second);
    JsonObject original = new JsonObject(first.body());
    JsonObject conflict = new JsonObject(second.body());
    assertEquals(original.getLong("offset"), conflict.getLong("offset"));
    assertEquals(original.getInteger("partition"), conflict.getInteger("partition"));
    storedOnce("sub01", "s3", "V1", 1);
  }

  @Test
  void aRestartedServiceRefusesWhatTheTopicAlreadyHolds() throws Exception {
    assertEquals(202, postV1("sub01", "s4", 0).statusCode());

    try (ServeService restarted = ServeService.start(kafka, new ServeConfig("127.0.0.1", 0, TOKEN, BODY_LIMIT))) {
      assertError(409, new ServeClient(restarted.port(), TOKEN)
          .post(ServeClient.responsesPath(EXP, "sub01", "s4", "V1", 0), JSON, json(1, 2, 3, 4)));
    }
  }

  @Test
  void requiresTheBearerToken() {
    String path = "/v1/experiments/" + EXP;

    assertError(401, client.withToken(null).get(path));
    assertError(401, client.withToken("wrong").get(path));
    assertError(401, client.withToken(null).post(ServeClient.responsesPath(EXP, "sub01", "s5", "V1", 0), JSON, json(1, 2, 3, 4)));
  }

  @Test
  void answers400ForBadParametersAndUndecodableBodies() {
    assertError(400, client.post("/v1/experiments/" + EXP + "/subjects/sub01/responses?stimulus=s5&roi=V1", JSON, json(1, 2, 3, 4)));
    assertError(400, client.post(ServeClient.responsesPath(EXP, "sub01", "s5", "V1", 0).replace("repetition=0", "repetition=x"), JSON, json(1)));
    assertError(400, client.post(ServeClient.responsesPath(EXP, "sub01", "%2Fs5", "V1", 0), JSON, json(1)));
    assertError(400, client.post(ServeClient.responsesPath(EXP, "sub01", "s5", "V1", 0), JSON, "{\"values\": [1, ".getBytes(StandardCharsets.UTF_8)));
    assertError(400, client.post(ServeClient.responsesPath(EXP, "sub01", "s5", "V1", 0), JSON, "{\"values\": [1, \"a\"]}".getBytes(StandardCharsets.UTF_8)));
    assertError(400, client.post(ServeClient.responsesPath(EXP, "sub01", "s5", "V1", 0), NPY, "not an npy".getBytes(StandardCharsets.UTF_8)));
    assertError(400, client.post(ServeClient.responsesPath(EXP, "sub01", "s5", "V1", 0), "text/plain", "1 2 3 4".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void answers404ForAnUnknownExperiment() {
    assertError(404, client.get("/v1/experiments/no-such-experiment"));
    assertError(404, client.post(ServeClient.responsesPath("no-such-experiment", "sub01", "s5", "V1", 0), JSON, json(1, 2, 3, 4)));
  }

  @Test
  void answers413ForABodyOverTheLimit() {
    double[] tooMany = new double[(int) BODY_LIMIT / 2];

    assertError(413, client.post(ServeClient.responsesPath(EXP, "sub01", "s5", "V1", 0), JSON, json(tooMany)));
  }

  @Test
  void answers422ForWhatTheRegistryRejects() {
    assertError(422, client.post(ServeClient.responsesPath(EXP, "sub01", "s5", "V1", 0), JSON, json(1, 2, 3)));
    assertError(422, client.post(ServeClient.responsesPath(EXP, "sub01", "s5", "V9", 0), JSON, json(1, 2, 3, 4)));
    assertError(422, client.post(ServeClient.responsesPath(EXP, "sub09", "s5", "V1", 0), JSON, json(1, 2, 3, 4)));
    assertError(422, client.post(ServeClient.responsesPath(EXP, "sub01", "unknown", "V1", 0), JSON, json(1, 2, 3, 4)));
    assertError(422, client.post(ServeClient.responsesPath(EXP, "sub01", "s5", "V1", 2), JSON, json(1, 2, 3, 4)));
    assertTrue(StoredResponsesReader.read(kafka, EXP).stream().noneMatch(r -> r.getStimulusId().equals("s5")));
  }

  @Test
  void returnsTheRegistryEntryAndTheCountsThisInstanceAccepted() {
    assertEquals(202, postV1("sub03", "t0", 0).statusCode());
    assertEquals(202, postV1("sub03", "t0", 9).statusCode());

    HttpResponse<String> reply = client.get("/v1/experiments/" + EXP);

    assertEquals(200, reply.statusCode(), reply.body());
    JsonObject body = new JsonObject(reply.body());
    assertEquals(EXP, body.getJsonObject("experiment").getString("experimentId"));
    assertEquals(2, body.getJsonObject("accepted").getJsonObject("sub03").getInteger("V1"));
    assertTrue(body.getJsonObject("scores").isEmpty());
  }

  @Test
  void losesNothingUnderAThousandConcurrentPostsWithDuplicatesAmongThem() {
    List<String> paths = new ArrayList<>();
    IntStream.range(0, 900).forEach(i -> paths.add(ServeClient.responsesPath(EXP, "sub02", "s" + i / 2, "V1", i % 2)));
    IntStream.range(0, 100).forEach(i -> paths.add(paths.get(i * 9)));
    java.util.Collections.shuffle(paths, new java.util.Random(7));

    List<CompletableFuture<HttpResponse<String>>> replies = paths.stream()
        .map(path -> client.postAsync(path, JSON, json(1, 2, 3, 4))).toList();
    Map<Integer, Long> byStatus = replies.stream().map(CompletableFuture::join)
        .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));

    assertEquals(Map.of(202, 900L, 409, 100L), byStatus);
    List<Response> stored = StoredResponsesReader.read(kafka, EXP).stream()
        .filter(r -> r.getSubjectId().equals("sub02")).toList();
    Set<String> keys = stored.stream().map(r -> r.getStimulusId() + "#" + r.getRepetition()).collect(Collectors.toSet());
    assertEquals(900, stored.size());
    assertEquals(new HashSet<>(paths.stream().map(ServeServiceIT::stimulusAndRepetition).toList()), keys);
  }

  private static String stimulusAndRepetition(String path) {
    Map<String, String> query = java.util.Arrays.stream(path.substring(path.indexOf('?') + 1).split("&"))
        .map(pair -> pair.split("=", 2)).collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    return query.get("stimulus") + "#" + query.get("repetition");
  }

  private static Response storedOnce(String subject, String stimulus, String roi, int repetition) {
    List<Response> matches = StoredResponsesReader.read(kafka, EXP).stream()
        .filter(r -> r.getSubjectId().equals(subject) && r.getStimulusId().equals(stimulus)
            && r.getRoi().equals(roi) && r.getRepetition() == repetition)
        .toList();
    assertEquals(1, matches.size(), "copies of " + subject + "/" + stimulus + "/" + roi + " rep " + repetition);
    assertFalse(matches.get(0).getValues().getShape().isEmpty());
    return matches.get(0);
  }
}
