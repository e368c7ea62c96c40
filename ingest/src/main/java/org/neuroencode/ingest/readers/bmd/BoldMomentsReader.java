package org.neuroencode.ingest.readers.bmd;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.neuroencode.ingest.readers.pickle.PickledObjects;

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
 *
 * <p>Row order. The rows are matched to the stimuli sorted by name ({@link BidsStimuli}): the k-th row of a split
 * is its k-th stimulus. When a file holds {@code train_stim_order} or {@code test_stim_order} (the preparation
 * scripts' {@code condition_order}: the condition, a number or a name, of each row), that order decides instead:
 * it must hold one entry per row (a list, a tuple, or a 1-D numpy array of integers, floats or strings; numpy
 * scalars in a list read as their values), all numbers or all strings, no two equal, else the file is refused. A
 * per-trial listing, each of the rows' conditions exactly once per repetition (the author's scripts record
 * {@code condition_order} per trial and gather a condition's trials into a row in the order of its first trial),
 * stands for its conditions in first-trial order.
 * {@link #read} then moves the row whose entry has rank r among the entries (numeric order for numbers, string
 * order for strings) to row r, so the k-th smallest condition goes with the k-th sorted stimulus whatever order the
 * rows were written in; ascending entries (such as 1..1000) leave the rows as they are. Only the ranks are used:
 * condition 1 (or 0, or "0001") of a 1-based order is the first stimulus.
 */
public final class BoldMomentsReader {
  public static final String TRAIN_KEY = "train_data_allvoxel";
  public static final String TEST_KEY = "test_data_allvoxel";
  public static final String TRAIN_ORDER_KEY = "train_stim_order";
  public static final String TEST_ORDER_KEY = "test_stim_order";
  /** Keys the dataset's preparation scripts also write; they are not published. */
  static final Set<String> OTHER_KNOWN_KEYS = Set.of(TRAIN_ORDER_KEY, TEST_ORDER_KEY,
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

  /**
   * The arrays of one ROI file, rows in condition order (see the class comment); {@code trainConditions} and
   * {@code testConditions} are the file's order entries sorted ({@link BigDecimal} numbers or strings), row k's
   * condition, or null when the file has no such key.
   */
  public record RoiData(PickledArray train, PickledArray test, List<Comparable<?>> trainConditions,
      List<Comparable<?>> testConditions) {
    public RoiData(PickledArray train, PickledArray test) {
      this(train, test, null, null);
    }

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
    Conditions trainOrder = order(dict, TRAIN_ORDER_KEY, TRAIN_KEY, train, file);
    Conditions testOrder = order(dict, TEST_ORDER_KEY, TEST_KEY, test, file);
    return new RoiData(inConditionOrder(train, trainOrder), inConditionOrder(test, testOrder), sorted(trainOrder),
        sorted(testOrder));
  }

  /**
   * The left and right files of one ROI as one: left voxels first, then right, as the dataset's examples stack them.
   * Both are in condition order already ({@link #read}); where both name their conditions, they must name the same.
   */
  public static RoiData combine(RoiData left, RoiData right, String what) throws IOException {
    return new RoiData(concatenate(left.train(), right.train(), what), concatenate(left.test(), right.test(), what),
        sameConditions(left.trainConditions(), right.trainConditions(), TRAIN_ORDER_KEY, what),
        sameConditions(left.testConditions(), right.testConditions(), TEST_ORDER_KEY, what));
  }

  private static List<Comparable<?>> sameConditions(List<Comparable<?>> left, List<Comparable<?>> right, String key,
      String what) throws IOException {
    if (left == null || right == null) {
      return left == null ? right : left;
    }
    if (!left.isEmpty() && !right.isEmpty() && left.get(0).getClass() != right.get(0).getClass()) {
      throw new IOException(what + ": the hemispheres' '" + key + "' name conditions by number in one and by name in "
          + "the other");
    }
    for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
      if (compare(left.get(i), right.get(i)) != 0) {
        throw new IOException(what + ": the hemispheres' '" + key + "' name different conditions (the " + ordinal(i + 1)
            + " smallest is " + show(left.get(i)) + " on the left, " + show(right.get(i)) + " on the right)");
      }
    }
    if (left.size() != right.size()) {
      throw new IOException(what + ": the hemispheres' '" + key + "' hold " + left.size() + " and " + right.size()
          + " conditions");
    }
    return left;
  }

  /** An order key's entries, one per row, and the rows by rank: element r is the row whose entry is r-th smallest. */
  private record Conditions(List<Comparable<?>> entries, Integer[] byRank) {}

  /**
   * The entries of an order key, one per row of {@code array}, as {@link BigDecimal} numbers or strings, ranked;
   * null when the file has no such key.
   */
  private static Conditions order(Map<String, Object> dict, String key, String dataKey, PickledArray array,
      Path file) throws PickleFormatException {
    if (!dict.containsKey(key)) {
      return null;
    }
    Object value = dict.get(key);
    List<?> items;
    if (value instanceof PickledArray numbers) {
      requireVector(numbers.shape(), key, file);
      if (numbers.dtype().equals("bool")) {
        throw new PickleFormatException(file.toString(), "'" + key + "' is a bool array, not condition numbers or names");
      }
      List<Object> boxed = new ArrayList<>();
      for (double number : numbers.values()) {
        boxed.add(number);
      }
      items = boxed;
    } else if (value instanceof PickledObjects objects) {
      requireVector(objects.shape(), key, file);
      items = objects.values();
    } else if (value instanceof List<?> list) {
      items = list;
    } else {
      throw new PickleFormatException(file.toString(), "'" + key + "' is " + describe(value)
          + ", not a list or 1-D array of condition numbers or names");
    }
    int rows = array.shape()[0];
    int repetitions = array.shape()[1];
    List<Comparable<?>> entries = new ArrayList<>();
    for (Object item : items) {
      Comparable<?> entry = entry(item);
      if (entry == null) {
        throw new PickleFormatException(file.toString(), "'" + key + "' holds " + describe(item)
            + ", not a condition number or name");
      }
      if (!entries.isEmpty() && entries.get(0).getClass() != entry.getClass()) {
        throw new PickleFormatException(file.toString(), "'" + key + "' mixes numbers and strings");
      }
      entries.add(entry);
    }
    if (entries.size() != rows) {
      List<Comparable<?>> perRow = perTrial(entries, rows, repetitions);
      if (perRow == null) {
        throw new PickleFormatException(file.toString(), "'" + key + "' has " + entries.size() + " entries but '" + dataKey
            + "' has " + rows + " rows (one condition per row expected, or one per trial: each of " + rows
            + " conditions " + repetitions + " times)");
      }
      entries = perRow;
    }
    Integer[] byRank = ranks(entries);
    for (int r = 1; r < byRank.length; r++) {
      if (compare(entries.get(byRank[r - 1]), entries.get(byRank[r])) == 0) {
        int first = Math.min(byRank[r - 1], byRank[r]);
        int second = Math.max(byRank[r - 1], byRank[r]);
        throw new PickleFormatException(file.toString(), "'" + key + "' names condition " + show(entries.get(first))
            + " twice (rows " + first + " and " + second + ", from 0); its entries must be distinct");
      }
    }
    return new Conditions(entries, byRank);
  }

  /**
   * A per-trial listing (as the dataset author's preparation scripts record {@code condition_order}): each of
   * {@code rows} conditions exactly {@code repetitions} times. The rows are then those conditions in the order of
   * their first trial, which is how those scripts gather the trials of a condition into a row. Null when the
   * listing is not of that form.
   */
  private static List<Comparable<?>> perTrial(List<Comparable<?>> entries, int rows, int repetitions) {
    if (entries.size() != (long) rows * repetitions) {
      return null;
    }
    java.util.TreeMap<Comparable<?>, Integer> counts = new java.util.TreeMap<>(BoldMomentsReader::compare);
    List<Comparable<?>> firstSeen = new ArrayList<>();
    for (Comparable<?> entry : entries) {
      if (counts.merge(entry, 1, Integer::sum) == 1) {
        firstSeen.add(entry);
      }
    }
    boolean regular = firstSeen.size() == rows && counts.values().stream().allMatch(count -> count == repetitions);
    return regular ? firstSeen : null;
  }

  /** A number as its exact {@link BigDecimal}, a string as itself; null for anything else (NaN and infinities too). */
  private static Comparable<?> entry(Object item) {
    if (item instanceof String text) {
      return text;
    }
    if (item instanceof Long number) {
      return BigDecimal.valueOf(number);
    }
    if (item instanceof BigInteger number) {
      return new BigDecimal(number);
    }
    if (item instanceof Double number && Double.isFinite(number)) {
      return new BigDecimal(number);
    }
    return null;
  }

  /** The row indices sorted by their entries: element r is the row whose entry has rank r. */
  private static Integer[] ranks(List<Comparable<?>> entries) {
    Integer[] rows = new Integer[entries.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    Arrays.sort(rows, (a, b) -> compare(entries.get(a), entries.get(b)));
    return rows;
  }

  /** The array with the row of rank r moved to row r; the array itself when the entries ascend already. */
  private static PickledArray inConditionOrder(PickledArray array, Conditions conditions) {
    if (conditions == null) {
      return array;
    }
    Integer[] byRank = conditions.byRank();
    boolean ascending = true;
    for (int r = 0; r < byRank.length && ascending; r++) {
      ascending = byRank[r] == r;
    }
    if (ascending) {
      return array;
    }
    int block = array.shape()[1] * array.shape()[2];
    double[] values = new double[array.values().length];
    for (int r = 0; r < byRank.length; r++) {
      System.arraycopy(array.values(), byRank[r] * block, values, r * block, block);
    }
    return new PickledArray(array.dtype(), array.shape(), values);
  }

  private static List<Comparable<?>> sorted(Conditions conditions) {
    if (conditions == null) {
      return null;
    }
    return java.util.Arrays.stream(conditions.byRank()).<Comparable<?>>map(conditions.entries()::get).toList();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Comparable<?> a, Comparable<?> b) {
    return ((Comparable) a).compareTo(b);
  }

  private static void requireVector(int[] shape, String key, Path file) throws PickleFormatException {
    long longer = Arrays.stream(shape).filter(dim -> dim > 1).count();
    if (shape.length == 0 || longer > 1) {
      throw new PickleFormatException(file.toString(), "'" + key + "' has shape " + Arrays.toString(shape)
          + ", not one entry per row");
    }
  }

  private static String show(Comparable<?> entry) {
    return entry instanceof BigDecimal number ? number.stripTrailingZeros().toPlainString() : "'" + entry + "'";
  }

  private static String describe(Object value) {
    return value == null ? "None" : value instanceof Map<?, ?> ? "a dict" : value instanceof PickledObjects objects
        ? "an array of dtype " + objects.dtype() : value instanceof PickledArray array ? "an array of dtype " + array.dtype()
        : value instanceof List<?> ? "a list or tuple" : "a " + value.getClass().getSimpleName();
  }

  private static String ordinal(int n) {
    return n + (n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    });
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
