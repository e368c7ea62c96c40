package org.neuroencode.ingest.readers.bmd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.StimulusSpec;
import org.neuroencode.ingest.readers.DataRoot;

/**
 * The stimulus set named by a BIDS dataset's {@code sub-*&#47;ses-*&#47;func/*_events.tsv} files: every
 * {@code stim_file} (such as {@code train/0444.mp4}) of a trial whose {@code trial_type} is train or test, oddballs
 * ({@code n/a}) left out. The id is the file name without its extension; train ids come first, each split sorted
 * by name, which is the row order of the prepared BOLD Moments arrays (videos 0001–1000, then 1001–1102).
 * The same {@code stim_file} may recur (across runs, sessions and subjects); two different {@code stim_file}s with one
 * base name (say {@code train/0001.mp4} and {@code test/0001.mp4}) would make one id, and are refused.
 */
public final class BidsStimuli {
  private BidsStimuli() {}

  /** The stimuli with their split and, for each id, its {@code stim_file} relative to the BIDS stimuli folder. */
  public record Stimuli(List<StimulusSpec> specs, Map<String, String> files) {
    public List<String> ids(Split split) {
      return specs.stream().filter(s -> s.getSplit() == split).map(StimulusSpec::getStimulusId).toList();
    }
  }

  public static Stimuli read(Path bidsRoot, DataRoot dataRoot) throws IOException {
    List<Path> eventFiles = eventFiles(bidsRoot);
    if (eventFiles.isEmpty()) {
      throw new IOException(bidsRoot + ": no BIDS sub-*/ses-*/func/*_events.tsv files to name the stimuli");
    }
    Map<String, String> train = new TreeMap<>();
    Map<String, String> test = new TreeMap<>();
    Map<String, Path> seenIn = new TreeMap<>();
    for (Path file : eventFiles) {
      readEvents(dataRoot.confine(file), train, test, seenIn);
    }
    for (String id : train.keySet()) {
      if (test.containsKey(id)) {
        // one stim_file (different ones with this name are refused while reading) in train and test trials
        throw new IOException(bidsRoot + ": stimulus " + id + " is both a train and a test trial");
      }
    }
    List<StimulusSpec> specs = new ArrayList<>();
    train.keySet().forEach(id -> specs.add(new StimulusSpec(id, Split.TRAIN)));
    test.keySet().forEach(id -> specs.add(new StimulusSpec(id, Split.TEST)));
    Map<String, String> files = new TreeMap<>(train);
    files.putAll(test);
    return new Stimuli(specs, files);
  }

  /** Adds the file's train and test trials; {@code seenIn} remembers the events file that first named each id. */
  private static void readEvents(Path file, Map<String, String> train, Map<String, String> test, Map<String, Path> seenIn)
      throws IOException {
    List<String> lines = Files.readAllLines(file);
    if (lines.isEmpty()) {
      throw new IOException(file + ": empty events file");
    }
    List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
    int stimFile = header.indexOf("stim_file");
    int trialType = header.indexOf("trial_type");
    if (stimFile < 0 || trialType < 0) {
      throw new IOException(file + ": no stim_file and trial_type columns (header: " + header + ")");
    }
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] cells = lines.get(i).split("\t", -1);
      if (cells.length != header.size()) {
        throw new IOException(file + ": line " + (i + 1) + " has " + cells.length + " columns, the header " + header.size());
      }
      String type = cells[trialType].trim();
      String stimulus = cells[stimFile].trim();
      if (!type.equals("train") && !type.equals("test") || stimulus.equals("n/a")) {
        continue;
      }
      String name = Path.of(stimulus).getFileName().toString();
      int dot = name.lastIndexOf('.');
      String id = Ids.require("stimulus in " + file + " line " + (i + 1), dot > 0 ? name.substring(0, dot) : name);
      String before = train.containsKey(id) ? train.get(id) : test.get(id);
      if (before != null && !Path.of(before).normalize().equals(Path.of(stimulus).normalize())) {
        Path where = seenIn.get(id);
        throw new IOException(file + ": line " + (i + 1) + ": stim_file " + stimulus + " and stim_file " + before
            + (where.equals(file) ? " (this file)" : " (in " + where + ")") + " have the same base name: both would be stimulus "
            + id);
      }
      seenIn.putIfAbsent(id, file);
      (type.equals("train") ? train : test).put(id, stimulus);
    }
  }

  private static List<Path> eventFiles(Path bidsRoot) throws IOException {
    if (!Files.isDirectory(bidsRoot)) {
      throw new IOException(bidsRoot + ": not a folder");
    }
    try (Stream<Path> files = Files.find(bidsRoot, 4, (path, attributes) -> attributes.isRegularFile()
        && path.getFileName().toString().endsWith("_events.tsv")
        && bidsRoot.relativize(path).getName(0).toString().startsWith("sub-"))) {
      return files.sorted().toList();
    }
  }
}
