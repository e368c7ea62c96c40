package org.neuroencode.ingest.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.schema.RoiSpec;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.StimulusSpec;
import org.neuroencode.core.schema.SubjectSpec;

/**
 * Experiment specs, YAML or JSON, turned into registry entries:
 *
 * <pre>
 * experiment: exp1
 * description: optional text
 * trainRepetitions: 3
 * testRepetitions: 10
 * subjects:
 *   sub01: {V1: 120, V2: 110}     # ROI: voxel count
 * stimuli:
 *   train: [vid0001, vid0002]     # or trainFile: ids.txt (one id a line, relative to the spec)
 *   test: [vid1001]               # or testFile: ...
 * </pre>
 *
 * Every problem is reported in one line that names the spec.
 */
public final class ExperimentSpecs {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Reads a spec from text, YAML or JSON; syntax errors are IllegalArgumentExceptions of one line. */
  public static JsonNode tree(String text) {
    try {
      return YAML.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not valid YAML or JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
    }
  }

  private ExperimentSpecs() {}

  public static Experiment read(Path spec) throws IOException {
    if (!Files.isRegularFile(spec)) {
      throw new IOException(spec + ": no such file");
    }
    JsonNode root;
    try {
      root = YAML.readTree(spec.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(spec + ": not valid YAML or JSON (" + e.getOriginalMessage().lines().findFirst().orElse("")
          + ")");
    }
    try {
      return parse(root, spec.toAbsolutePath().getParent());
    } catch (IllegalArgumentException e) {
      throw new IOException(spec + ": " + e.getMessage());
    }
  }

  /**
   * Parses a spec already read (YAML is a superset of JSON); stimulus files resolve against baseDir. With a null
   * baseDir (a spec that came over the network) stimulus files are refused: the ids must be inline.
   */
  public static Experiment parse(JsonNode root, Path baseDir) throws IOException {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the spec must be a mapping");
    }
    String experimentId = Ids.require("experiment", text(root, "experiment"));
    int trainRepetitions = positive(root, "trainRepetitions", 1);
    int testRepetitions = positive(root, "testRepetitions", 0);
    JsonNode stimuliNode = root.get("stimuli");
    if (stimuliNode == null || !stimuliNode.isObject()) {
      throw new IllegalArgumentException("'stimuli' must map train (and test) to stimulus ids");
    }
    List<StimulusSpec> stimuli = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Split split : Split.values()) {
      for (String id : ids(stimuliNode, split.toString().toLowerCase(), baseDir)) {
        if (!seen.add(Ids.require("stimulus", id))) {
          throw new IllegalArgumentException("stimulus '" + id + "' is listed twice");
        }
        stimuli.add(new StimulusSpec(id, split));
      }
    }
    if (stimuli.stream().noneMatch(s -> s.getSplit() == Split.TRAIN)) {
      throw new IllegalArgumentException("no training stimuli");
    }
    JsonNode subjectsNode = root.get("subjects");
    if (subjectsNode == null || !subjectsNode.isObject() || subjectsNode.isEmpty()) {
      throw new IllegalArgumentException("'subjects' must map each subject to its ROIs and voxel counts");
    }
    List<SubjectSpec> subjects = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = subjectsNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> subject = it.next();
      Ids.require("subject", subject.getKey());
      if (!subject.getValue().isObject() || subject.getValue().isEmpty()) {
        throw new IllegalArgumentException("subject '" + subject.getKey() + "' must map ROIs to voxel counts");
      }
      List<RoiSpec> rois = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> r = subject.getValue().fields(); r.hasNext(); ) {
        Map.Entry<String, JsonNode> roi = r.next();
        Ids.require("ROI", roi.getKey());
        if (!roi.getValue().canConvertToInt() || roi.getValue().asInt() < 1) {
          throw new IllegalArgumentException("ROI '" + roi.getKey() + "' of subject '" + subject.getKey()
              + "' needs a positive voxel count, not " + roi.getValue());
        }
        rois.add(new RoiSpec(roi.getKey(), roi.getValue().asInt(), null));
      }
      subjects.add(new SubjectSpec(subject.getKey(), rois));
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("source", "spec");
    return Experiment.newBuilder()
        .setExperimentId(experimentId)
        .setDescription(root.path("description").asText(""))
        .setSubjects(subjects)
        .setStimuli(stimuli)
        .setTrainRepetitions(trainRepetitions)
        .setTestRepetitions(testRepetitions)
        .setAttributes(attributes)
        .setCreatedAtMs(System.currentTimeMillis())
        .build();
  }

  private static List<String> ids(JsonNode stimuli, String split, Path baseDir) throws IOException {
    List<String> ids = new ArrayList<>();
    JsonNode inline = stimuli.get(split);
    if (inline != null) {
      if (!inline.isArray()) {
        throw new IllegalArgumentException("'stimuli." + split + "' must be a list of ids");
      }
      inline.forEach(id -> ids.add(id.asText()));
    }
    JsonNode file = stimuli.get(split + "File");
    if (file != null && baseDir == null) {
      throw new IllegalArgumentException("'stimuli." + split + "File' is not allowed here: list the ids inline in 'stimuli."
          + split + "'");
    }
    if (file != null) {
      Path path = baseDir.resolve(file.asText()).normalize();
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException("'stimuli." + split + "File' " + path + " does not exist");
      }
      Files.readAllLines(path).stream().map(String::strip).filter(line -> !line.isEmpty()).forEach(ids::add);
    }
    return ids;
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || !node.isValueNode()) {
      throw new IllegalArgumentException("'" + field + "' is missing");
    }
    return node.asText();
  }

  private static int positive(JsonNode root, String field, int minimum) {
    JsonNode node = root.get(field);
    if (node == null || !node.canConvertToInt() || node.asInt() < minimum) {
      throw new IllegalArgumentException("'" + field + "' must be an integer of at least " + minimum);
    }
    return node.asInt();
  }
}
