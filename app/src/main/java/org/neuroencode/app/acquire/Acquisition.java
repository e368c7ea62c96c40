package org.neuroencode.app.acquire;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.neuroencode.core.io.Npy;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.RoiSpec;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.StimulusSpec;
import org.neuroencode.core.schema.SubjectSpec;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.ingest.synthetic.SyntheticExperiment;
import org.neuroencode.ingest.synthetic.SyntheticScanner;
import org.neuroencode.ingest.timeseries.TrWindow;

/**
 * Plays a synthetic experiment into a running `serve` at a scanner's pace: registers it (PUT), then for each run
 * registers every subject's events and posts one volume per subject every TR; or, with responses, posts each
 * presentation's responses directly. Anything the service already holds (409) is skipped, so an interrupted
 * acquisition can simply be started again.
 */
public final class Acquisition {
  private static final String NPY = "application/x-npy";
  private static final Set<Integer> STORED_OR_KNOWN = Set.of(202, 409);

  /**
   * @param trSeconds the scanner's TR, written into the events
   * @param speedup how much faster than real time volumes are posted
   * @param runs how many runs (sessions) to play, from the first; 0 for all
   * @param volumes post volumes through the events' windows, or else per-presentation responses
   */
  public record Settings(String url, String token, double trSeconds, double speedup, int runs, boolean volumes) {
    public Settings {
      if (!(trSeconds > 0) || !(speedup > 0)) {
        throw new IllegalArgumentException("--tr-seconds and --speedup must be positive");
      }
    }
  }

  /** Volumes and responses the service stored, and posts it already held. */
  public record Summary(long volumes, long responses, long alreadyStored) {}

  private final SyntheticExperiment experiment;
  private final Settings settings;
  private final ServeHttp http;
  private final PrintStream out;
  private final SyntheticScanner scanner;
  private long volumes;
  private long responses;
  private long alreadyStored;

  public Acquisition(SyntheticExperiment experiment, Settings settings, PrintStream out) {
    this.experiment = experiment;
    this.settings = settings;
    this.http = new ServeHttp(settings.url(), settings.token());
    this.out = out;
    this.scanner = new SyntheticScanner(experiment, TrWindow.BOLD_MOMENTS, settings.trSeconds());
  }

  public Summary run() throws IOException, InterruptedException {
    Experiment entry = experiment.registryEntry();
    String experimentPath = "/v1/experiments/" + entry.getExperimentId();
    http.put(experimentPath, "application/json", spec(entry).encode().getBytes(StandardCharsets.UTF_8), Set.of(200, 201));
    int runs = settings.runs() <= 0 ? scanner.runs() : Math.min(settings.runs(), scanner.runs());
    for (int run = 0; run < runs; run++) {
      long started = System.nanoTime();
      long before = responses;
      if (settings.volumes()) {
        playVolumes(entry, run);
      } else {
        playResponses(run);
      }
      out.printf("%s: %d responses stored (%d posts already stored so far) in %.1f s%n", SyntheticScanner.runId(run),
          responses - before, alreadyStored, (System.nanoTime() - started) / 1e9);
    }
    return new Summary(volumes, responses, alreadyStored);
  }

  private void playVolumes(Experiment entry, int run) throws IOException, InterruptedException {
    String runId = SyntheticScanner.runId(run);
    for (SubjectSpec subject : entry.getSubjects()) {
      http.put(subjectPath(entry, subject) + "/runs/" + runId + "/events?tr=" + settings.trSeconds(),
          "text/tab-separated-values", scanner.eventsTsv(run).getBytes(StandardCharsets.UTF_8), Set.of(200, 201));
    }
    Pace pace = new Pace(settings.trSeconds() / settings.speedup());
    for (int t = 0; t < scanner.volumes(run); t++) {
      pace.awaitTick(t);
      for (SubjectSpec subject : entry.getSubjects()) {
        double[] volume = scanner.volume(subject.getSubjectId(), run, t);
        ServeHttp.Reply reply = http.post(subjectPath(entry, subject) + "/volumes?run=" + runId + "&tr=" + t, NPY,
            Npy.bytes(volume, true, volume.length), STORED_OR_KNOWN);
        if (reply.status() == 409) {
          alreadyStored++;
          continue;
        }
        volumes++;
        for (Object stored : new JsonObject(reply.body()).getJsonArray("responses")) {
          if (((JsonObject) stored).containsKey("offset") && !((JsonObject) stored).getBoolean("duplicate", false)) {
            responses++;
          }
        }
      }
    }
  }

  /** One presentation per window's span of TRs, all its subjects' and ROIs' responses at once. */
  private void playResponses(int run) throws IOException, InterruptedException {
    List<Response> session = experiment.responsesInScannerOrder().stream().filter(r -> r.getRepetition() == run).toList();
    Pace pace = new Pace(TrWindow.BOLD_MOMENTS.length() * settings.trSeconds() / settings.speedup());
    String presenting = null;
    int presentation = -1;
    for (Response response : session) {
      if (!response.getStimulusId().equals(presenting)) {
        presenting = response.getStimulusId();
        pace.awaitTick(++presentation);
      }
      double[] values = Tensors.toDoubles(response.getValues());
      ServeHttp.Reply reply = http.post("/v1/experiments/" + response.getExperimentId() + "/subjects/"
          + response.getSubjectId() + "/responses?stimulus=" + response.getStimulusId() + "&roi=" + response.getRoi()
          + "&repetition=" + response.getRepetition(), NPY, Npy.bytes(values, true, values.length), STORED_OR_KNOWN);
      if (reply.status() == 409) {
        alreadyStored++;
      } else {
        responses++;
      }
    }
  }

  private static String subjectPath(Experiment entry, SubjectSpec subject) {
    return "/v1/experiments/" + entry.getExperimentId() + "/subjects/" + subject.getSubjectId();
  }

  /** The registry entry as the spec `experiments create --spec` and PUT /v1/experiments/{exp} take. */
  static JsonObject spec(Experiment entry) {
    JsonObject subjects = new JsonObject();
    for (SubjectSpec subject : entry.getSubjects()) {
      JsonObject rois = new JsonObject();
      for (RoiSpec roi : subject.getRois()) {
        rois.put(roi.getName(), roi.getVoxels());
      }
      subjects.put(subject.getSubjectId(), rois);
    }
    JsonObject stimuli = new JsonObject();
    for (Split split : Split.values()) {
      stimuli.put(split.toString().toLowerCase(), new JsonArray(entry.getStimuli().stream()
          .filter(s -> s.getSplit() == split).map(StimulusSpec::getStimulusId).map(Object.class::cast).toList()));
    }
    return new JsonObject().put("experiment", entry.getExperimentId()).put("description", entry.getDescription())
        .put("trainRepetitions", entry.getTrainRepetitions()).put("testRepetitions", entry.getTestRepetitions())
        .put("subjects", subjects).put("stimuli", stimuli);
  }

  /** Ticks at fixed times from the first, so slow posts do not make the run drift later and later. */
  private static final class Pace {
    private final long start = System.nanoTime();
    private final double intervalNanos;

    Pace(double intervalSeconds) {
      this.intervalNanos = intervalSeconds * 1e9;
    }

    void awaitTick(int tick) throws InterruptedException {
      long wait = start + (long) (tick * intervalNanos) - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    }
  }
}
