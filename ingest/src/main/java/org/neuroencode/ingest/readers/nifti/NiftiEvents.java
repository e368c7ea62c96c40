package org.neuroencode.ingest.readers.nifti;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.StimulusSpec;

/**
 * The events table: one row per volume, in volume order, with columns stimulus and repetition (0-based) and
 * optionally split (train or test, default train), in any order, tab-separated, with a header line.
 */
public record NiftiEvents(List<Event> events) {

  public record Event(String stimulus, int repetition, Split split) {}

  public static NiftiEvents read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
    if (lines.isEmpty()) {
      throw new IOException(file + ": empty; expected a header line with stimulus and repetition columns");
    }
    List<String> columns = List.of(lines.get(0).strip().split("\t"));
    int stimulus = columns.indexOf("stimulus");
    int repetition = columns.indexOf("repetition");
    int split = columns.indexOf("split");
    if (stimulus < 0 || repetition < 0) {
      throw new IOException(file + ": the header " + columns + " lacks a stimulus or a repetition column");
    }
    List<Event> events = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Map<String, Split> splits = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] fields = lines.get(i).strip().split("\t");
      String where = file + ":" + (i + 1) + ": ";
      if (fields.length != columns.size()) {
        throw new IOException(where + fields.length + " fields, the header has " + columns.size());
      }
      Event event = new Event(fields[stimulus], parseRepetition(fields[repetition], where),
          split < 0 ? Split.TRAIN : parseSplit(fields[split], where));
      Ids.require("stimulus id in " + file, event.stimulus());
      if (!seen.add(event.stimulus() + "\t" + event.repetition())) {
        throw new IOException(where + event.stimulus() + " repetition " + event.repetition() + " appears twice");
      }
      if (splits.putIfAbsent(event.stimulus(), event.split()) != null && splits.get(event.stimulus()) != event.split()) {
        throw new IOException(where + event.stimulus() + " is in both splits");
      }
      events.add(event);
    }
    return new NiftiEvents(List.copyOf(events));
  }

  /** Each stimulus once, in order of first appearance, with its split. */
  public List<StimulusSpec> stimuli() {
    Map<String, Split> splits = new LinkedHashMap<>();
    events.forEach(event -> splits.putIfAbsent(event.stimulus(), event.split()));
    return splits.entrySet().stream().map(entry -> new StimulusSpec(entry.getKey(), entry.getValue())).toList();
  }

  /** The most repetitions any stimulus of the split has (0 when the split is empty). */
  public int repetitions(Split split) {
    return events.stream().filter(event -> event.split() == split).mapToInt(event -> event.repetition() + 1).max().orElse(0);
  }

  private static int parseRepetition(String field, String where) throws IOException {
    try {
      int repetition = Integer.parseInt(field.strip());
      if (repetition >= 0) {
        return repetition;
      }
    } catch (NumberFormatException e) {
      // reported below with the line
    }
    throw new IOException(where + "repetition '" + field + "' is not a non-negative integer");
  }

  private static Split parseSplit(String field, String where) throws IOException {
    return switch (field.strip().toLowerCase()) {
      case "train" -> Split.TRAIN;
      case "test" -> Split.TEST;
      default -> throw new IOException(where + "split '" + field + "' is neither train nor test");
    };
  }
}
