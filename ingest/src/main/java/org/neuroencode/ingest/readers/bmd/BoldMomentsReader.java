package org.neuroencode.ingest.readers.bmd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.neuroencode.ingest.readers.DataRoot;
import org.neuroencode.ingest.readers.pickle.PickleFormatException;
import org.neuroencode.ingest.readers.pickle.PickleReader;
import org.neuroencode.ingest.readers.pickle.PickledArray;

/**
 * The BOLD Moments Dataset's prepared per-ROI pickles (OpenNeuro ds005165), each a dict with
 * {@code train_data_allvoxel} (1000 videos, 3 repetitions, voxels) and {@code test_data_allvoxel}
 * (102 videos, 10 repetitions, voxels). Two layouts are recognised, under the dataset root:
 * <ul>
 *   <li>version B, one file per hemisphere: {@code derivatives/versionB/MNI152/prepared_allvoxel_pkl/sub-01/
 *   sub-01_roi-lEBA_betas_normalized.pkl} (and {@code roi-rEBA}); the ROI is named as in the file, {@code lEBA};</li>
 *   <li>version A, hemispheres together: {@code derivatives/versionA/MNI152/prepared_data/prepared_allvoxel_pkl/
 *   TRavg56789/sub-01/EBA_TRavg-56789_allvoxel.pkl}; the ROI is {@code EBA}.</li>
 * </ul>
 * The path may also be the folder holding the {@code sub-NN} folders of either layout. Files are read one at a
 * time; each must fit in memory.
 */
public final class BoldMomentsReader {
  public static final String TRAIN_KEY = "train_data_allvoxel";
  public static final String TEST_KEY = "test_data_allvoxel";
  /** Keys the dataset's preparation scripts also write; they are not published. */
  static final Set<String> OTHER_KNOWN_KEYS = Set.of("train_stim_order", "test_stim_order",
      "train_noiseceiling_allvoxel", "test_noiseceiling_allvoxel", "roi_indices_hcp");
  private static final Pattern PER_HEMISPHERE = Pattern.compile("(sub-[A-Za-z0-9]+)_roi-([lr])(.+)_betas_normalized\\.pkl");
  private static final Pattern COMBINED = Pattern.compile("(.+)_TRavg-(\\d+)_allvoxel\\.pkl");

  /** Which of the dataset's pipelines to read when the root holds both. */
  public enum Version {
    A(Path.of("derivatives/versionA/MNI152/prepared_data/prepared_allvoxel_pkl/TRavg56789")),
    B(Path.of("derivatives/versionB/MNI152/prepared_allvoxel_pkl"));

    private final Path prepared;

    Version(Path prepared) {
      this.prepared = prepared;
    }
  }

  /** One ROI file: the ROI's registry name, its hemisphere ("l", "r", or "" when both are in it), the file. */
  public record RoiFile(String roi, String hemisphere, String baseRoi, Path file) {}

  /** The arrays of one ROI file. */
  public record RoiData(PickledArray train, PickledArray test) {
    public int voxels() {
      return train.shape()[2];
    }
  }

  private final Path preparedDir;
  private final DataRoot dataRoot;

  public BoldMomentsReader(Path root, Version version, DataRoot dataRoot) throws IOException {
    this.dataRoot = dataRoot;
    dataRoot.confine(root);
    this.preparedDir = Stream.of(root.resolve(version.prepared), root)
        .filter(dir -> Files.isDirectory(dir) && !subjectsIn(dir).isEmpty()).findFirst()
        .orElseThrow(() -> new IOException(root + ": no BOLD Moments prepared pickles found (looked in "
            + root.resolve(version.prepared) + " and " + root + " for sub-NN folders of *_betas_normalized.pkl or "
            + "*_TRavg-*_allvoxel.pkl files)"));
  }

  public Path preparedDir() {
    return preparedDir;
  }

  public List<String> subjects() {
    return subjectsIn(preparedDir);
  }

  /** The subject's ROI files, sorted by ROI name. */
  public List<RoiFile> roiFiles(String subject) throws IOException {
    Path dir = preparedDir.resolve(subject);
    List<RoiFile> files = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path file : entries.sorted().toList()) {
        RoiFile roi = recognise(file);
        if (roi != null) {
          files.add(roi);
        }
      }
    }
    if (files.isEmpty()) {
      throw new IOException(dir + ": no BOLD Moments ROI pickles");
    }
    files.sort(Comparator.comparing(RoiFile::roi));
    return files;
  }

  /** Reads one ROI file and checks its keys, shapes and dtypes. */
  public RoiData read(RoiFile roi) throws IOException {
    Path file = dataRoot.confine(roi.file());
    Map<String, Object> dict = PickleReader.readDict(file);
    Set<String> unexpected = new TreeSet<>(dict.keySet());
    unexpected.removeAll(OTHER_KNOWN_KEYS);
    unexpected.removeAll(Set.of(TRAIN_KEY, TEST_KEY));
    if (!unexpected.isEmpty() || !dict.containsKey(TRAIN_KEY) || !dict.containsKey(TEST_KEY)) {
      throw new PickleFormatException(file.toString(), "unexpected keys " + new TreeSet<>(dict.keySet())
          + " (a BOLD Moments ROI file holds '" + TRAIN_KEY + "' and '" + TEST_KEY + "', optionally "
          + new TreeSet<>(OTHER_KNOWN_KEYS) + ")");
    }
    PickledArray train = cube(dict.get(TRAIN_KEY), TRAIN_KEY, file);
    PickledArray test = cube(dict.get(TEST_KEY), TEST_KEY, file);
    if (train.shape()[2] != test.shape()[2]) {
      throw new PickleFormatException(file.toString(), "'" + TRAIN_KEY + "' has " + train.shape()[2] + " voxels but '"
          + TEST_KEY + "' has " + test.shape()[2]);
    }
    return new RoiData(train, test);
  }

  /** The left and right files of one ROI as one: left voxels first, then right, as the dataset's examples stack them. */
  public static RoiData combine(RoiData left, RoiData right, String what) throws IOException {
    return new RoiData(concatenate(left.train(), right.train(), what), concatenate(left.test(), right.test(), what));
  }

  private static PickledArray concatenate(PickledArray left, PickledArray right, String what) throws IOException {
    int[] l = left.shape();
    int[] r = right.shape();
    if (l[0] != r[0] || l[1] != r[1] || !left.dtype().equals(right.dtype())) {
      throw new IOException(what + ": the hemispheres differ in shape or dtype (" + left + " and " + right + ")");
    }
    int rows = l[0] * l[1];
    double[] values = new double[rows * (l[2] + r[2])];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(left.values(), i * l[2], values, i * (l[2] + r[2]), l[2]);
      System.arraycopy(right.values(), i * r[2], values, i * (l[2] + r[2]) + l[2], r[2]);
    }
    return new PickledArray(left.dtype(), new int[] {l[0], l[1], l[2] + r[2]}, values);
  }

  private static PickledArray cube(Object value, String key, Path file) throws PickleFormatException {
    if (!(value instanceof PickledArray array) || array.shape().length != 3) {
      throw new PickleFormatException(file.toString(), "'" + key + "' is not a 3-D array (videos, repetitions, voxels)");
    }
    if (!array.dtype().startsWith("float")) {
      throw new PickleFormatException(file.toString(), "'" + key + "' has dtype " + array.dtype()
          + " (float32 or float64 expected)");
    }
    return array;
  }

  static RoiFile recognise(Path file) {
    String name = file.getFileName().toString();
    Matcher hemisphere = PER_HEMISPHERE.matcher(name);
    if (hemisphere.matches()) {
      return new RoiFile(hemisphere.group(2) + hemisphere.group(3), hemisphere.group(2), hemisphere.group(3), file);
    }
    Matcher combined = COMBINED.matcher(name);
    if (combined.matches()) {
      return new RoiFile(combined.group(1), "", combined.group(1), file);
    }
    return null;
  }

  private static List<String> subjectsIn(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isDirectory).filter(BoldMomentsReader::holdsRoiFiles)
          .map(path -> path.getFileName().toString()).filter(name -> name.matches("sub-[A-Za-z0-9]+")).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static boolean holdsRoiFiles(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.anyMatch(file -> recognise(file) != null);
    } catch (IOException e) {
      return false;
    }
  }
}
