package org.neuroencode.ingest.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.schema.Split;

class ExperimentSpecsTest {
  @TempDir
  Path dir;

  @Test
  void shouldReadSubjectsRoisStimuliAndRepetitions() throws IOException {
    Files.write(dir.resolve("test.txt"), List.of("vid3", "", "vid4"));
    Experiment experiment = ExperimentSpecs.read(write("""
        experiment: exp1
        description: two subjects
        trainRepetitions: 3
        testRepetitions: 10
        subjects:
          sub01: {V1: 120, V2: 110}
          sub02: {V1: 118}
        stimuli:
          train: [vid1, vid2]
          testFile: test.txt
        """));
    assertEquals("exp1", experiment.getExperimentId());
    assertEquals(2, experiment.getSubjects().size());
    assertEquals(110, experiment.getSubjects().get(0).getRois().get(1).getVoxels());
    assertEquals(List.of("vid1", "vid2", "vid3", "vid4"),
        experiment.getStimuli().stream().map(s -> s.getStimulusId()).toList());
    assertEquals(Split.TEST, experiment.getStimuli().get(3).getSplit());
    assertEquals(10, experiment.getTestRepetitions());
  }

  @Test
  void shouldReadJsonToo() throws IOException {
    Experiment experiment = ExperimentSpecs.read(write("""
        {"experiment": "exp2", "trainRepetitions": 1, "testRepetitions": 0,
         "subjects": {"s1": {"EBA": 5}}, "stimuli": {"train": ["a", "b"]}}
        """));
    assertEquals(2, experiment.getStimuli().size());
  }

  @Test
  void shouldNameTheSpecAndTheProblemInOneLine() throws IOException {
    assertProblem("""
        experiment: exp1
        trainRepetitions: 3
        testRepetitions: 10
        subjects: {sub01: {V1: 0}}
        stimuli: {train: [a]}
        """, "needs a positive voxel count");
    assertProblem("""
        experiment: exp1
        trainRepetitions: 3
        testRepetitions: 10
        subjects: {sub01: {V1: 4}}
        stimuli: {train: [a], test: [a]}
        """, "listed twice");
    assertProblem("""
        experiment: exp/1
        trainRepetitions: 3
        testRepetitions: 10
        subjects: {sub01: {V1: 4}}
        stimuli: {train: [a]}
        """, "not a valid identifier");
    assertProblem("experiment: [unclosed", "not valid YAML or JSON");
  }

  private void assertProblem(String spec, String expected) throws IOException {
    Path file = write(spec);
    IOException error = assertThrows(IOException.class, () -> ExperimentSpecs.read(file));
    assertTrue(error.getMessage().startsWith(file.toString()), error.getMessage());
    assertTrue(error.getMessage().contains(expected), error.getMessage());
    assertEquals(1, error.getMessage().lines().count(), error.getMessage());
  }

  private Path write(String text) throws IOException {
    Path file = Files.createTempFile(dir, "spec", ".yaml");
    Files.writeString(file, text);
    return file;
  }
}
