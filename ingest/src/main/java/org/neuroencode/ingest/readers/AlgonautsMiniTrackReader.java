package org.neuroencode.ingest.readers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.StimulusSpec;
import org.neuroencode.ingest.readers.pickle.PickleFormatException;
import org.neuroencode.ingest.readers.pickle.PickleReader;
import org.neuroencode.ingest.readers.pickle.PickledArray;

/**
 * The Mini-Algonauts 2021 track: {@code participants_data_v2021/mini_track/subNN/<ROI>.pkl}, each a dict
 * holding only "train", an array (videos, repetitions, voxels). Files are read one ROI at a time, so a
 * whole subject never has to fit in memory.
 */
public final class AlgonautsMiniTrackReader {
  public static final String TRAIN_KEY = "train";
  private final Path trackDir;

  /** Accepts the download's root, its {@code participants_data_v2021}, or the {@code mini_track} folder. */
  public AlgonautsMiniTrackReader(Path root) throws IOException {
    this.trackDir = Stream.of(root.resolve("participants_data_v2021/mini_track"), root.resolve("mini_track"), root)
        .filter(dir -> Files.isDirectory(dir) && !subjectsIn(dir).isEmpty()).findFirst()
        .orElseThrow(() -> new IOException(root + ": no mini_track/subNN folders found"));
  }

  public List<String> subjects() {
    return subjectsIn(trackDir);
  }

  public List<String> rois(String subject) throws IOException {
    Path dir = trackDir.resolve(subject);
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + ": no such subject folder");
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".pkl"))
          .map(name -> name.substring(0, name.length() - ".pkl".length())).sorted().toList();
    }
  }

  public PickledArray read(String subject, String roi) throws IOException {
    Path file = trackDir.resolve(subject).resolve(roi + ".pkl");
    Map<String, Object> dict = PickleReader.readDict(file);
    if (!dict.keySet().equals(java.util.Set.of(TRAIN_KEY))) {
      throw new PickleFormatException(file.toString(), "unexpected keys " + dict.keySet()
          + " (a mini-track file holds only 'train')");
    }
    if (!(dict.get(TRAIN_KEY) instanceof PickledArray array) || array.shape().length != 3) {
      throw new PickleFormatException(file.toString(), "'train' is not a 3-D array (videos, repetitions, voxels)");
    }
    return array;
  }

  /**
   * The stimulus set: with the video folder, its sorted mp4 names without extension, the first
   * {@code trainCount} train and the rest test; without it, {@code video0001}… for the train videos
   * alone, since the mini track has no test responses.
   */
  public static List<StimulusSpec> stimuli(Path videoDir, int trainCount) throws IOException {
    List<StimulusSpec> stimuli = new ArrayList<>();
    if (videoDir == null) {
      for (int i = 1; i <= trainCount; i++) {
        stimuli.add(new StimulusSpec(String.format("video%04d", i), Split.TRAIN));
      }
      return stimuli;
    }
    List<String> names;
    try (Stream<Path> files = Files.list(videoDir)) {
      names = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".mp4"))
          .map(name -> name.substring(0, name.length() - ".mp4".length())).sorted().toList();
    }
    if (names.size() < trainCount) {
      throw new IOException(videoDir + ": " + names.size() + " mp4 files, but the responses cover " + trainCount + " videos");
    }
    for (int i = 0; i < names.size(); i++) {
      stimuli.add(new StimulusSpec(names.get(i), i < trainCount ? Split.TRAIN : Split.TEST));
    }
    return stimuli;
  }

  private static List<String> subjectsIn(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isDirectory).map(path -> path.getFileName().toString())
          .filter(name -> name.matches("sub\\d+")).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
