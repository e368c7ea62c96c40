package org.neuroencode.ingest.timeseries;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.schema.Split;

/**
 * A BIDS events.tsv: tab-separated, a header line, the columns onset and duration (seconds from the start of the
 * run's first volume) and a column naming the stimulus, in any order.
 *
 * <ul>
 *   <li>The stimulus column is the one asked for, or else the first present of {@code stimulus}, {@code stim_file}
 *       and {@code trial_type}: a stimulus name is the most specific, a stimulus file next (BIDS' own column for
 *       it), and a trial type last, since it often names a condition rather than one stimulus. A {@code stim_file}
 *       value is reduced to its file name without folders and extension ({@code stimuli/vid0001.mp4} is
 *       {@code vid0001}), the id the stimulus was registered under.</li>
 *   <li>Rows whose stimulus is {@code n/a} (fixation, rest, button presses) are skipped; a duration may be
 *       {@code n/a}. The duration is kept but does not move the window, which counts from the onset.</li>
 *   <li>Optional columns: {@code repetition} (0-based, used as given) and {@code split} ({@code train} or
 *       {@code test}, default train).</li>
 * </ul>
 * Events are returned in onset order. Every problem is one line naming the source and the line.
 */
public final class EventsTable {
  public static final List<String> STIMULUS_COLUMNS = List.of("stimulus", "stim_file", "trial_type");
  private static final String NOT_AVAILABLE = "n/a";

  private EventsTable() {}

  /**
   * Parses the table and numbers the repetitions with {@code counter}, which is updated; pass a copy when the
   * numbering must not count unless the caller accepts the events.
   *
   * @param stimulusColumn the column naming the stimulus, or null to pick one as described above
   */
  public static List<StimulusEvent> parse(String text, String source, String stimulusColumn, RepetitionCounter counter) {
    List<String> lines = text.lines().toList();
    int headerLine = 0;
    while (headerLine < lines.size() && lines.get(headerLine).isBlank()) {
      headerLine++;
    }
    if (headerLine == lines.size()) {
      throw new IllegalArgumentException(source + ": empty; expected a header with onset, duration and a stimulus column");
    }
    List<String> columns = List.of(lines.get(headerLine).strip().split("\t"));
    int onset = required(columns, "onset", source);
    int duration = required(columns, "duration", source);
    int stimulus = stimulusColumn(columns, stimulusColumn, source);
    int repetition = columns.indexOf("repetition");
    int split = columns.indexOf("split");
    List<Row> rows = new ArrayList<>();
    for (int i = headerLine + 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] fields = lines.get(i).split("\t", -1);
      String where = source + ":" + (i + 1) + ": ";
      if (fields.length != columns.size()) {
        throw new IllegalArgumentException(where + fields.length + " fields, the header has " + columns.size());
      }
      String name = fields[stimulus].strip();
      if (name.equals(NOT_AVAILABLE) || name.isEmpty()) {
        continue;
      }
      String id = columns.get(stimulus).equals("stim_file") ? fileStem(name) : name;
      if (!Ids.isValid(id)) {
        throw new IllegalArgumentException(where + "stimulus '" + id + "' is not a valid identifier (letters, digits and ._+=-)");
      }
      double onsetSeconds = seconds(fields[onset], "onset", false, where);
      double durationSeconds = seconds(fields[duration], "duration", true, where);
      int explicit = repetition < 0 ? -1 : nonNegative(fields[repetition], where);
      Split eventSplit = split < 0 ? Split.TRAIN : split(fields[split], where);
      rows.add(new Row(id, onsetSeconds, durationSeconds, explicit, eventSplit));
    }
    rows.sort(Comparator.comparingDouble(Row::onset));
    List<StimulusEvent> events = new ArrayList<>(rows.size());
    java.util.Set<String> numbered = new java.util.HashSet<>();
    for (Row row : rows) {
      if (row.repetition >= 0 && counter.isUsed(row.stimulus, row.repetition) && !numbered.contains(row.stimulus + "#" + row.repetition)) {
        // another run already has this presentation: its responses would be taken for duplicates and lost
        throw new IllegalArgumentException(source + ": stimulus " + row.stimulus + " repetition " + row.repetition
            + " was already presented in an earlier run");
      }
      int number = row.repetition >= 0 ? row.repetition : counter.next(row.stimulus);
      counter.observe(row.stimulus, number);
      if (!numbered.add(row.stimulus + "#" + number)) {
        throw new IllegalArgumentException(source + ": stimulus " + row.stimulus + " repetition " + number + " appears twice");
      }
      events.add(new StimulusEvent(row.stimulus, row.onset, row.duration, number, row.split));
    }
    return List.copyOf(events);
  }

  private record Row(String stimulus, double onset, double duration, int repetition, Split split) {}

  private static int required(List<String> columns, String name, String source) {
    int index = columns.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException(source + ": the header " + columns + " lacks the '" + name + "' column");
    }
    return index;
  }

  private static int stimulusColumn(List<String> columns, String asked, String source) {
    if (asked != null) {
      int index = columns.indexOf(asked);
      if (index < 0) {
        throw new IllegalArgumentException(source + ": no stimulus column '" + asked + "' in the header " + columns);
      }
      return index;
    }
    return STIMULUS_COLUMNS.stream().mapToInt(columns::indexOf).filter(index -> index >= 0).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(source + ": the header " + columns
            + " has none of the stimulus columns " + STIMULUS_COLUMNS));
  }

  /** {@code stimuli/vid0001.mp4} is {@code vid0001}; {@code a/clip.nii.gz} is {@code clip}. */
  static String fileStem(String path) {
    String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static double seconds(String field, String column, boolean mayBeMissing, String where) {
    String text = field.strip();
    if (mayBeMissing && text.equals(NOT_AVAILABLE)) {
      return Double.NaN;
    }
    try {
      double value = Double.parseDouble(text);
      if (value >= 0 && Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(where + column + " '" + field + "' is not a non-negative number of seconds");
  }

  private static int nonNegative(String field, String where) {
    try {
      int value = Integer.parseInt(field.strip());
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(where + "repetition '" + field + "' is not a non-negative integer");
  }

  private static Split split(String field, String where) {
    return switch (field.strip().toLowerCase()) {
      case "train" -> Split.TRAIN;
      case "test" -> Split.TEST;
      default -> throw new IllegalArgumentException(where + "split '" + field + "' is neither train nor test");
    };
  }
}
