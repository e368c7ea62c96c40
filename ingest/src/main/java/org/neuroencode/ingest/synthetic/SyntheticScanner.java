package org.neuroencode.ingest.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuroencode.ingest.timeseries.TrWindow;

/**
 * A synthetic experiment played as a scanner would deliver it: one run per session (see
 * {@link SyntheticExperiment#sessions()}), a volume every TR, in a block design where each presentation's
 * window of volumes holds its response. Presentation k of a run has its onset at volume k·L, L being the
 * window's length, so windows are disjoint and back to back: volume t belongs to presentation (t − first) / L,
 * and the volumes before the first window are zeros. Averaging each window then gives back exactly the responses
 * of {@link SyntheticExperiment#responsesInScannerOrder()} (in float32), which is what a test can check.
 * Volumes are computed on demand, so a long run costs no memory.
 */
public final class SyntheticScanner {
  private final SyntheticExperiment experiment;
  private final TrWindow window;
  private final double trSeconds;
  private final List<List<SyntheticStimulus>> sessions;

  public SyntheticScanner(SyntheticExperiment experiment, TrWindow window, double trSeconds) {
    this.experiment = experiment;
    this.window = window;
    this.trSeconds = trSeconds;
    this.sessions = experiment.sessions();
  }

  public int runs() {
    return sessions.size();
  }

  public static String runId(int run) {
    return String.format(Locale.ROOT, "run%02d", run + 1);
  }

  /** The run's BIDS events.tsv: onset, duration (the window's span) and stimulus. */
  public String eventsTsv(int run) {
    StringBuilder tsv = new StringBuilder("onset\tduration\tstimulus\n");
    List<SyntheticStimulus> session = sessions.get(run);
    for (int k = 0; k < session.size(); k++) {
      tsv.append(String.format(Locale.ROOT, "%s\t%s\t%s%n", seconds((double) k * window.length() * trSeconds),
          seconds(window.length() * trSeconds), session.get(k).stimulusId()));
    }
    return tsv.toString();
  }

  public int volumes(int run) {
    return sessions.get(run).size() * window.length() + window.first();
  }

  /** Volume t of the run for the subject: its ROIs' voxels one after the other, in the registry's ROI order. */
  public double[] volume(String subjectId, int run, int t) {
    List<SubjectRoiTruth> cells = experiment.truth().cells().stream().filter(c -> c.subjectId().equals(subjectId)).toList();
    int presentation = t < window.first() ? -1 : (t - window.first()) / window.length();
    List<double[]> parts = new ArrayList<>();
    int total = 0;
    for (SubjectRoiTruth cell : cells) {
      double[] part = presentation < 0 ? new double[cell.voxels()]
          : experiment.truth().response(cell, sessions.get(run).get(presentation).index(), run);
      // float32, as the synthetic responses are published, so the window's mean is the published response
      for (int v = 0; v < part.length; v++) {
        part[v] = (float) part[v];
      }
      parts.add(part);
      total += part.length;
    }
    double[] volume = new double[total];
    int at = 0;
    for (double[] part : parts) {
      System.arraycopy(part, 0, volume, at, part.length);
      at += part.length;
    }
    return volume;
  }

  /** Shortest decimal text that parses back to the same double: onsets stay exact. */
  private static String seconds(double value) {
    return Double.toString(value);
  }
}
