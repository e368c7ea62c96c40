package org.neuroencode.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.schema.RoiSpec;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.StimulusSpec;
import org.neuroencode.core.topic.TopicAdmin;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.ingest.publish.RecordPublisher;
import org.neuroencode.ingest.readers.DataRoot;
import org.neuroencode.ingest.readers.ResponseCubes;
import org.neuroencode.ingest.readers.bmd.BidsStimuli;
import org.neuroencode.ingest.readers.bmd.BoldMomentsReader;
import org.neuroencode.ingest.stimuli.VideoFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bmd", mixinStandardHelpOptions = true,
    description = {"Register and publish the BOLD Moments Dataset's prepared per-ROI pickles, every repetition "
        + "(train 3, test 10), in the pickles' dtype.",
        "Layouts under --path: version B, derivatives/versionB/MNI152/prepared_allvoxel_pkl/sub-NN/"
        + "sub-NN_roi-<l|r><ROI>_betas_normalized.pkl (one file per hemisphere, ROI named lEBA, rEBA, ...), or "
        + "version A, derivatives/versionA/MNI152/prepared_data/prepared_allvoxel_pkl/TRavg56789/sub-NN/"
        + "<ROI>_TRavg-56789_allvoxel.pkl; --path may also be the folder of the sub-NN folders.",
        "Stimulus names come from the BIDS sub-*/ses-*/func/*_events.tsv files under --bids (stim_file of the train "
        + "and test trials, without folder and extension); rows are the train names sorted, then the test names sorted. "
        + "A file's train_stim_order/test_stim_order (each row's condition number or name) puts its rows in order first: "
        + "the row with the k-th smallest entry goes with the k-th name."})
final class IngestBmdCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;
  @Mixin DataRootOption root;

  @Option(names = "--path", required = true, description = "The dataset root (or the folder of the sub-NN folders).") Path path;
  @Option(names = "--pipeline", description = "The derivatives version, A or B, when the root holds both (default: ${DEFAULT-VALUE}).",
      defaultValue = "B") BoldMomentsReader.Version version;
  @Option(names = "--bids", description = "The BIDS root with the events.tsv files (default: --path).") Path bids;
  @Option(names = "--videos", description = "The BIDS stimuli folder (stim_file paths are relative to it): publish the videos too.")
  Path videos;
  @Option(names = "--subjects", split = ",", description = "Subjects to read (default: all sub-NN folders).") List<String> subjects;
  @Option(names = "--combine-hemispheres", description = "Publish lX and rX as one ROI X, left voxels first.")
  boolean combine;
  @Option(names = "--experiment", required = true) String experimentId;

  @Override
  public Integer call() throws Exception {
    Ids.require("experiment id", experimentId);
    DataRoot dataRoot = root.dataRoot();
    BoldMomentsReader reader = new BoldMomentsReader(path, version, dataRoot);
    Path bidsRoot = bids == null ? path : dataRoot.confine(bids);
    BidsStimuli.Stimuli stimuli = BidsStimuli.read(bidsRoot, dataRoot);
    List<String> trainIds = stimuli.ids(Split.TRAIN);
    List<String> testIds = stimuli.ids(Split.TEST);
    Map<String, Map<String, List<BoldMomentsReader.RoiFile>>> plan = new LinkedHashMap<>();
    Map<String, List<RoiSpec>> rois = new LinkedHashMap<>();
    int[] repetitions = null;
    // a first pass for the voxel counts and the shapes: the registry must be complete before the first response
    for (String subject : subjects == null ? reader.subjects() : subjects) {
      Ids.require("subject id", subject);
      Map<String, List<BoldMomentsReader.RoiFile>> groups = groups(reader.roiFiles(subject));
      for (Map.Entry<String, List<BoldMomentsReader.RoiFile>> group : groups.entrySet()) {
        Ids.require("ROI name", group.getKey());
        BoldMomentsReader.RoiData data = read(reader, group.getValue());
        repetitions = checkShapes(data, group.getValue().get(0).file(), trainIds.size(), testIds.size(), repetitions);
        rois.computeIfAbsent(subject, s -> new ArrayList<>()).add(new RoiSpec(group.getKey(), data.voxels(), null));
      }
      plan.put(subject, groups);
    }
    if (repetitions == null) {
      throw new IOException(path + ": no subjects to read");
    }
    Experiment experiment = ResponseCubes.experimentOfRois(experimentId, "BOLD Moments from " + reader.preparedDir(), rois,
        stimuli.specs(), repetitions[0], repetitions[1], Map.of("dataset", "bold-moments", "version", version.name()));
    TopicAdmin.ensureTopics(kafka.settings(), (short) 1);
    long responses = 0;
    long videoCount = 0;
    try (RecordPublisher publisher = IngestCommand.register(kafka, "neuroencode-ingest-bmd", experiment)) {
      if (videos != null) {
        for (StimulusSpec spec : stimuli.specs()) {
          Path video = dataRoot.confine(videos.resolve(stimuli.files().get(spec.getStimulusId())));
          publisher.send(Topics.STIMULI, Ids.stimulusKey(experimentId, spec.getStimulusId()),
              VideoFiles.stimulus(experimentId, spec.getStimulusId(), spec.getSplit(), video));
          videoCount++;
        }
      }
      for (Map.Entry<String, Map<String, List<BoldMomentsReader.RoiFile>>> subject : plan.entrySet()) {
        for (Map.Entry<String, List<BoldMomentsReader.RoiFile>> group : subject.getValue().entrySet()) {
          BoldMomentsReader.RoiData data = read(reader, group.getValue());
          String source = group.getValue().get(0).file().getFileName().toString();
          responses += IngestCommand.send(publisher, ResponseCubes.responses(experimentId, subject.getKey(), group.getKey(),
              data.train().asNpy(), trainIds, source));
          responses += IngestCommand.send(publisher, ResponseCubes.responses(experimentId, subject.getKey(), group.getKey(),
              data.test().asNpy(), testIds, source));
        }
      }
      publisher.flush();
    }
    System.out.printf("published experiment %s: %d subjects, %d stimuli (%d train, %d test; %d videos published), "
        + "%d responses%n", experimentId, rois.size(), stimuli.specs().size(), trainIds.size(), testIds.size(), videoCount,
        responses);
    return 0;
  }

  /** The files of each registered ROI: one, or with --combine-hemispheres the left and right files of one ROI. */
  private Map<String, List<BoldMomentsReader.RoiFile>> groups(List<BoldMomentsReader.RoiFile> files) throws IOException {
    Map<String, List<BoldMomentsReader.RoiFile>> groups = new LinkedHashMap<>();
    for (BoldMomentsReader.RoiFile file : files) {
      String name = combine && !file.hemisphere().isEmpty() ? file.baseRoi() : file.roi();
      groups.computeIfAbsent(name, n -> new ArrayList<>()).add(file);
    }
    for (Map.Entry<String, List<BoldMomentsReader.RoiFile>> group : groups.entrySet()) {
      group.getValue().sort((a, b) -> a.hemisphere().compareTo(b.hemisphere()));
      if (group.getValue().size() > 1 && !(group.getValue().size() == 2 && group.getValue().get(0).hemisphere().equals("l")
          && group.getValue().get(1).hemisphere().equals("r"))) {
        throw new IOException(group.getValue().get(0).file().getParent() + ": ROI " + group.getKey()
            + " does not have exactly one left and one right file");
      }
      if (combine && group.getValue().size() == 1 && !group.getValue().get(0).hemisphere().isEmpty()) {
        throw new IOException(group.getValue().get(0).file() + ": no file for the other hemisphere of " + group.getKey());
      }
    }
    return groups;
  }

  private static BoldMomentsReader.RoiData read(BoldMomentsReader reader, List<BoldMomentsReader.RoiFile> files)
      throws IOException {
    BoldMomentsReader.RoiData data = reader.read(files.get(0));
    return files.size() == 1 ? data : BoldMomentsReader.combine(data, reader.read(files.get(1)), files.get(0).file().toString());
  }

  /** Returns {train, test} repetitions, failing when they or the stimulus counts disagree. */
  private static int[] checkShapes(BoldMomentsReader.RoiData data, Path file, int trainStimuli, int testStimuli,
      int[] expected) throws IOException {
    int[] train = data.train().shape();
    int[] test = data.test().shape();
    if (train[0] != trainStimuli || test[0] != testStimuli) {
      throw new IOException(file + ": " + train[0] + " train and " + test[0] + " test videos, but the events name "
          + trainStimuli + " and " + testStimuli);
    }
    int[] repetitions = {train[1], test[1]};
    if (expected != null && (expected[0] != repetitions[0] || expected[1] != repetitions[1])) {
      throw new IOException(file + ": " + repetitions[0] + "/" + repetitions[1] + " train/test repetitions, unlike the "
          + expected[0] + "/" + expected[1] + " of the other files");
    }
    return repetitions;
  }
}
