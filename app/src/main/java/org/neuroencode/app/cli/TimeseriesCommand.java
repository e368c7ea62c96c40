package org.neuroencode.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.schema.DType;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.StimulusSpec;
import org.neuroencode.core.topic.TopicAdmin;
import org.neuroencode.ingest.publish.RecordPublisher;
import org.neuroencode.ingest.readers.ResponseCubes;
import org.neuroencode.ingest.readers.nifti.NiftiDatatype;
import org.neuroencode.ingest.readers.nifti.NiftiVolumes;
import org.neuroencode.ingest.readers.nifti.RoiMask;
import org.neuroencode.ingest.timeseries.BoldRun;
import org.neuroencode.ingest.timeseries.EventsTable;
import org.neuroencode.ingest.timeseries.RepetitionCounter;
import org.neuroencode.ingest.timeseries.RoiLayout;
import org.neuroencode.ingest.timeseries.RunNormalization;
import org.neuroencode.ingest.timeseries.StimulusEvent;
import org.neuroencode.ingest.timeseries.TrWindow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "timeseries", mixinStandardHelpOptions = true,
    description = {"Derive per-stimulus responses from scanner runs: 4-D BOLD NIfTI series (read one volume at a time) "
        + "with their BIDS events.tsv, each response being the mean of a window of volumes after the stimulus onset.",
        "Onset volume = floor(onset / TR) (the volume whose interval [k*TR, (k+1)*TR) holds the onset, onsets within "
        + "1e-6 TR of a boundary counting as on it); the response averages volumes onset+FIRST .. onset+LAST of --window "
        + "(default 5-9, BOLD Moments' TRavg-56789). Events whose window runs past the run's last volume are skipped "
        + "with a warning.",
        "Events: columns onset and duration (s), and the stimulus from --stimulus-column or else the first of "
        + "stimulus, stim_file (reduced to its file name without extension) and trial_type; rows with n/a there are "
        + "skipped; optional columns repetition and split (train/test). Repetitions count each stimulus's presentations "
        + "across the runs in the order given.",
        "--bold and --events pair up in order, one pair per run. ROIs as in 'ingest nifti'. float64 data is published "
        + "as float64, the rest as float32."})
final class TimeseriesCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;
  @Mixin RoiMaskOptions roiOptions;

  @Option(names = "--bold", required = true, description = "A run's 4-D NIfTI series. Repeatable, one per run.")
  List<Path> bold;
  @Option(names = "--events", required = true, description = "The run's BIDS events.tsv. Repeatable, one per --bold.")
  List<Path> events;
  @Option(names = "--subject", required = true) String subjectId;
  @Option(names = "--experiment", required = true) String experimentId;
  @Option(names = "--window", description = "Volumes after the onset volume to average, FIRST-LAST (default: ${DEFAULT-VALUE}).",
      defaultValue = "5-9") String window;
  @Option(names = "--tr", description = "TR in seconds, overriding the header's pixdim[4] (which needs a time unit).")
  double tr;
  @Option(names = "--stimulus-column", description = "The events column naming the stimulus.") String stimulusColumn;
  @Option(names = "--detrend", description = "Remove each voxel's linear trend over each run (mean included).") boolean detrend;
  @Option(names = "--zscore", description = "Z-score each voxel over each run (after --detrend).") boolean zscore;
  @Option(names = "--no-register", description = "Do not register the experiment: it was registered already, e.g. with "
      + "'experiments create --spec' for several subjects.") boolean noRegister;

  @Override
  public Integer call() throws Exception {
    Ids.require("experiment id", experimentId);
    Ids.require("subject id", subjectId);
    if (bold.size() != events.size()) {
      throw new IllegalArgumentException(bold.size() + " --bold runs but " + events.size() + " --events files: give one each per run");
    }
    TrWindow trWindow = TrWindow.parse(window);
    List<RoiMask> rois = roiOptions.read();
    RoiLayout layout = new RoiLayout(rois.stream().map(RoiMask::name).toList(),
        rois.stream().mapToInt(roi -> roi.voxels().length).toArray());
    // every run's events and TR first: a bad file fails before anything is published
    RepetitionCounter counter = new RepetitionCounter();
    List<List<StimulusEvent>> runEvents = new ArrayList<>();
    List<Double> trs = new ArrayList<>();
    boolean float64 = true;
    for (int run = 0; run < bold.size(); run++) {
      runEvents.add(EventsTable.parse(Files.readString(events.get(run)), events.get(run).toString(), stimulusColumn, counter));
      trs.add(BoldRun.repetitionSeconds(bold.get(run), tr));
      float64 &= NiftiVolumes.readHeader(bold.get(run)).datatype() == NiftiDatatype.FLOAT64;
    }
    DType dtype = float64 ? DType.FLOAT64 : DType.FLOAT32;
    RunNormalization.Options normalization = new RunNormalization.Options(detrend, zscore);
    TopicAdmin.ensureTopics(kafka.settings(), (short) 1);
    long responses = 0;
    int volumes = 0;
    try (RecordPublisher publisher = noRegister
        ? new RecordPublisher(kafka.settings(), "neuroencode-ingest-timeseries")
        : IngestCommand.register(kafka, "neuroencode-ingest-timeseries", experiment(layout, runEvents))) {
      for (int run = 0; run < bold.size(); run++) {
        String source = bold.get(run).getFileName().toString();
        long[] sent = {0};
        BoldRun.Result result = BoldRun.process(bold.get(run), rois, runEvents.get(run), trWindow, trs.get(run),
            normalization, windowed -> sent[0] += IngestCommand.send(publisher, layout.responses(windowed, experimentId,
                subjectId, dtype, source, System.currentTimeMillis())));
        responses += sent[0];
        volumes += result.volumes();
        for (StimulusEvent skipped : result.pastTheEnd()) {
          System.err.printf("warning: %s: %s at %.3f s: window %s runs past the last of %d volumes; skipped%n",
              events.get(run), skipped.stimulusId(), skipped.onsetSeconds(), trWindow, result.volumes());
        }
      }
      publisher.flush();
    }
    System.out.printf("published %s/%s: %d runs, %d volumes, %d responses (%s; window %s%s)%n", experimentId, subjectId,
        bold.size(), volumes, responses, layout, trWindow, normalization.any()
            ? (detrend ? ", detrended" : "") + (zscore ? ", z-scored" : "") : "");
    return 0;
  }

  /** The subject's ROIs and the stimuli of the events with their split and the most repetitions per split. */
  private Experiment experiment(RoiLayout layout, List<List<StimulusEvent>> runEvents) {
    Map<String, Integer> voxels = new LinkedHashMap<>();
    for (int i = 0; i < layout.rois().size(); i++) {
      voxels.put(layout.rois().get(i), layout.voxels()[i]);
    }
    Map<String, Split> splits = new LinkedHashMap<>();
    int[] repetitions = new int[Split.values().length];
    for (List<StimulusEvent> run : runEvents) {
      for (StimulusEvent event : run) {
        Split earlier = splits.putIfAbsent(event.stimulusId(), event.split());
        if (earlier != null && earlier != event.split()) {
          throw new IllegalArgumentException("stimulus " + event.stimulusId() + " is in both splits in the events files");
        }
        repetitions[event.split().ordinal()] = Math.max(repetitions[event.split().ordinal()], event.repetition() + 1);
      }
    }
    List<StimulusSpec> stimuli = splits.entrySet().stream().map(e -> new StimulusSpec(e.getKey(), e.getValue())).toList();
    return ResponseCubes.experiment(experimentId, "scanner runs of " + subjectId, Map.of(subjectId, voxels), stimuli,
        repetitions[Split.TRAIN.ordinal()], repetitions[Split.TEST.ordinal()], Map.of("source", "ingest timeseries"));
  }
}
