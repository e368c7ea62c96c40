package org.neuroencode.ingest.readers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.StimulusSpec;
import org.neuroencode.core.schema.VoxelMask;
import org.neuroencode.ingest.readers.pickle.PickleFormatException;
import org.neuroencode.ingest.readers.pickle.PickleReader;
import org.neuroencode.ingest.readers.pickle.PickledArray;

/**
 * The Algonauts 2021 participant data, {@code participants_data_v2021/<track>/subNN/<ROI>.pkl}:
 * <ul>
 *   <li>the mini track: one pickle per ROI, a dict holding only "train", an array (videos, repetitions, voxels);</li>
 *   <li>the full track: {@code WB.pkl}, "train" over the whole brain plus "voxel_mask", the 3-D volume mask whose
 *   nonzero voxels, in C order, are the columns of "train".</li>
 * </ul>
 * Files are read one ROI at a time, so a whole subject never has to fit in memory; one pickle must.
 */
public final class AlgonautsReader {
  public static final String TRAIN_KEY = "train";
  public static final String MASK_KEY = "voxel_mask";

  /** The two tracks, with the keys their pickles hold. */
  public enum Track {
    MINI("mini_track", Set.of(TRAIN_KEY)),
    FULL("full_track", Set.of(TRAIN_KEY, MASK_KEY));

    private final String folder;
    private final Set<String> keys;

    Track(String folder, Set<String> keys) {
      this.folder = folder;
      this.keys = keys;
    }

    public String folder() {
      return folder;
    }
  }

  /** One ROI file: its responses and, on the full track, where its voxels lie in the volume. */
  public record RoiData(PickledArray train, VoxelMask mask) {}

  private final Path trackDir;
  private final Track track;
  private final DataRoot dataRoot;

  /** Accepts the download's root, its {@code participants_data_v2021}, or the track's folder. */
  public AlgonautsReader(Path root, Track track, DataRoot dataRoot) throws IOException {
    this.track = track;
    this.dataRoot = dataRoot;
    dataRoot.confine(root);
    this.trackDir = Stream.of(root.resolve("participants_data_v2021").resolve(track.folder), root.resolve(track.folder), root)
        .filter(dir -> Files.isDirectory(dir) && !subjectsIn(dir).isEmpty()).findFirst()
        .orElseThrow(() -> new IOException(root + ": no " + track.folder + "/subNN folders found"));
  }

  public AlgonautsReader(Path root) throws IOException {
    this(root, Track.MINI, DataRoot.unconfined());
  }

  public Track track() {
    return track;
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
    return readRoi(subject, roi).train();
  }

  /** Reads one ROI file, checking its keys, the responses' shape and dtype, and the mask against the voxels. */
  public RoiData readRoi(String subject, String roi) throws IOException {
    Path file = dataRoot.confine(trackDir.resolve(subject).resolve(roi + ".pkl"));
    Map<String, Object> dict = PickleReader.readDict(file);
    if (!dict.keySet().equals(track.keys)) {
      throw new PickleFormatException(file.toString(), "unexpected keys " + dict.keySet()
          + " (a " + track.folder + " file holds " + track.keys.stream().sorted().map(k -> "'" + k + "'").toList() + ")");
    }
    if (!(dict.get(TRAIN_KEY) instanceof PickledArray array) || array.shape().length != 3) {
      throw new PickleFormatException(file.toString(), "'train' is not a 3-D array (videos, repetitions, voxels)");
    }
    if (!array.dtype().startsWith("float")) {
      throw new PickleFormatException(file.toString(), "'train' has dtype " + array.dtype() + " (float32 or float64 expected)");
    }
    if (track == Track.MINI) {
      return new RoiData(array, null);
    }
    if (!(dict.get(MASK_KEY) instanceof PickledArray maskArray) || maskArray.shape().length != 3) {
      throw new PickleFormatException(file.toString(), "'voxel_mask' is not a 3-D volume mask");
    }
    VoxelMask mask = VoxelMasks.of(maskArray.shape(), maskArray.values());
    int inside = VoxelMasks.count(mask);
    if (inside != array.shape()[2]) {
      throw new PickleFormatException(file.toString(), "'voxel_mask' selects " + inside + " voxels but 'train' has "
          + array.shape()[2]);
    }
    return new RoiData(array, mask);
  }

  /**
   * The stimulus set: with the video folder, its sorted mp4 names without extension, the first
   * {@code trainCount} train and the rest test; without it, {@code video0001}… for the train videos
   * alone, since the participant data have no test responses.
   */
  public static List<StimulusSpec> stimuli(Path videoDir, int trainCount) throws IOException {
    List<StimulusSpec> stimuli = new ArrayList<>();
    if (videoDir == null) {
      for (int i = 1; i <= trainCount; i++) {
        stimuli.add(new StimulusSpec(String.format("video%04d", i), Split.TRAIN));
      }
      return stimuli;
    }
    List<Path> videos = videos(videoDir);
    if (videos.size() < trainCount) {
      throw new IOException(videoDir + ": " + videos.size() + " mp4 files, but the responses cover " + trainCount + " videos");
    }
    for (int i = 0; i < videos.size(); i++) {
      stimuli.add(new StimulusSpec(stimulusId(videos.get(i)), i < trainCount ? Split.TRAIN : Split.TEST));
    }
    return stimuli;
  }

  /** The mp4 files of a video folder, sorted by name: the order that makes the first 1,000 the training set. */
  public static List<Path> videos(Path videoDir) throws IOException {
    if (!Files.isDirectory(videoDir)) {
      throw new IOException(videoDir + ": not a folder of mp4 files");
    }
    try (Stream<Path> files = Files.list(videoDir)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".mp4"))
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
    }
  }

  /** A video's stimulus id: its file name without ".mp4". */
  public static String stimulusId(Path video) {
    String name = video.getFileName().toString();
    return name.substring(0, name.length() - ".mp4".length());
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
