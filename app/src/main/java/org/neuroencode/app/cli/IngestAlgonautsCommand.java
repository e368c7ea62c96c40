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
import org.neuroencode.ingest.readers.AlgonautsReader;
import org.neuroencode.ingest.readers.DataRoot;
import org.neuroencode.ingest.readers.ResponseCubes;
import org.neuroencode.ingest.stimuli.VideoFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "algonauts", mixinStandardHelpOptions = true,
    description = {"Register and publish the Algonauts 2021 participant data, every repetition, in the pickles' dtype: "
        + "the mini track (participants_data_v2021/mini_track/subNN/<ROI>.pkl) or the full track "
        + "(full_track/subNN/WB.pkl, registered as ROI WB with its voxel_mask).",
        "With --videos (the AlgonautsVideos268_All_30fpsmax folder) the mp4 files are published as stimuli too: "
        + "the stimulus ids are their sorted names without .mp4, the first ones (as many as the responses cover, "
        + "1,000) train and the rest test. Without --videos the ids are video0001, video0002, ... for the train "
        + "videos only. The participant data have no test responses."})
final class IngestAlgonautsCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;
  @Mixin DataRootOption root;

  @Option(names = "--path", required = true, description = "The download's root (or its track folder).") Path path;
  @Option(names = "--track", description = "mini or full (default: ${DEFAULT-VALUE}).", defaultValue = "mini") String track;
  @Option(names = "--subjects", split = ",", description = "Subjects to read (default: all subNN folders).") List<String> subjects;
  @Option(names = "--experiment", required = true) String experimentId;
  @Option(names = "--videos", description = "The AlgonautsVideos268_All_30fpsmax folder: stimulus ids, and the videos to publish.")
  Path videos;

  @Override
  public Integer call() throws Exception {
    Ids.require("experiment id", experimentId);
    DataRoot dataRoot = root.dataRoot();
    AlgonautsReader reader = new AlgonautsReader(path, track(), dataRoot);
    List<String> chosen = subjects == null ? reader.subjects() : subjects;
    // a first pass for the voxel counts and masks: the registry must be complete before the first response
    Map<String, List<RoiSpec>> rois = new LinkedHashMap<>();
    int[] firstShape = null;
    for (String subject : chosen) {
      Ids.require("subject id", subject);
      List<String> names = reader.rois(subject);
      if (names.isEmpty()) {
        throw new IOException(path + ": subject " + subject + " has no <ROI>.pkl files");
      }
      for (String roi : names) {
        Ids.require("ROI name", roi);
        AlgonautsReader.RoiData data = reader.readRoi(subject, roi);
        int[] shape = data.train().shape();
        if (firstShape != null && (shape[0] != firstShape[0] || shape[1] != firstShape[1])) {
          throw new IOException(subject + "/" + roi + ".pkl: " + shape[0] + " videos x " + shape[1]
              + " repetitions, unlike the " + firstShape[0] + " x " + firstShape[1] + " of the other files");
        }
        firstShape = shape;
        rois.computeIfAbsent(subject, s -> new ArrayList<>()).add(new RoiSpec(roi, shape[2], data.mask()));
      }
    }
    if (firstShape == null) {
      throw new IOException(path + ": no subjects to read");
    }
    if (videos != null) {
      dataRoot.confine(videos);
    }
    List<StimulusSpec> stimuli = AlgonautsReader.stimuli(videos, firstShape[0]);
    List<String> trainIds = stimuli.subList(0, firstShape[0]).stream().map(StimulusSpec::getStimulusId).toList();
    Experiment experiment = ResponseCubes.experimentOfRois(experimentId, "Algonauts 2021 " + reader.track().folder()
            + " from " + path, rois, stimuli, firstShape[1], 0,
        Map.of("dataset", "algonauts2021-" + reader.track().name().toLowerCase()));
    TopicAdmin.ensureTopics(kafka.settings(), (short) 1);
    long responses = 0;
    long published = 0;
    try (RecordPublisher publisher = IngestCommand.register(kafka, "neuroencode-ingest-algonauts", experiment)) {
      if (videos != null) {
        List<Path> files = AlgonautsReader.videos(videos);
        for (int i = 0; i < files.size(); i++) {
          Path video = dataRoot.confine(files.get(i));
          String id = AlgonautsReader.stimulusId(video);
          publisher.send(Topics.STIMULI, Ids.stimulusKey(experimentId, id),
              VideoFiles.stimulus(experimentId, id, i < firstShape[0] ? Split.TRAIN : Split.TEST, video));
          published++;
        }
      }
      for (Map.Entry<String, List<RoiSpec>> subject : rois.entrySet()) {
        for (RoiSpec roi : subject.getValue()) {
          String source = subject.getKey() + "/" + roi.getName() + ".pkl";
          responses += IngestCommand.send(publisher, ResponseCubes.responses(experimentId, subject.getKey(), roi.getName(),
              reader.read(subject.getKey(), roi.getName()).asNpy(), trainIds, source));
        }
      }
      publisher.flush();
    }
    System.out.printf("published experiment %s: %d subjects, %d stimuli (%d videos published), %d responses%n",
        experimentId, rois.size(), stimuli.size(), published, responses);
    return 0;
  }

  private AlgonautsReader.Track track() {
    return switch (track.toLowerCase()) {
      case "mini" -> AlgonautsReader.Track.MINI;
      case "full" -> AlgonautsReader.Track.FULL;
      default -> throw new IllegalArgumentException("--track must be mini or full, not '" + track + "'");
    };
  }
}
