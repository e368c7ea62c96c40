package org.neuroencode.ingest.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuroencode.core.schema.Split;

class EventsTableTest {

  private static List<StimulusEvent> parse(String text, String column, RepetitionCounter counter) {
    return EventsTable.parse(text, "run1_events.tsv", column, counter);
  }

  @Test
  void shouldPreferTheStimulusFileOverTheTrialTypeAndStripItsFolderAndExtension() {
    List<StimulusEvent> events = parse("""
        onset\tduration\ttrial_type\tstim_file
        3.0\t3.0\tvideo\tstimuli/vid02.mp4
        0.0\t3.0\tvideo\tstimuli/vid01.mp4
        """, null, new RepetitionCounter());

    assertEquals(List.of("vid01", "vid02"), events.stream().map(StimulusEvent::stimulusId).toList(), "in onset order");
    assertEquals(3.0, events.get(1).onsetSeconds());
  }

  @Test
  void shouldUseTheStimulusColumnFirstAndTheColumnAskedForAboveAll() {
    String table = "onset\tduration\ttrial_type\tstimulus\n0\t1\tfaces\tclipA\n";

    assertEquals("clipA", parse(table, null, new RepetitionCounter()).get(0).stimulusId());
    assertEquals("faces", parse(table, "trial_type", new RepetitionCounter()).get(0).stimulusId());
    assertEquals("faces", parse("onset\tduration\ttrial_type\n0\t1\tfaces\n", null, new RepetitionCounter()).get(0).stimulusId());
  }

  @Test
  void shouldSkipRowsWithoutAStimulusAndAcceptAMissingDuration() {
    List<StimulusEvent> events = parse("onset\tduration\tstim_file\n0\tn/a\ta.mp4\n2\t8\tn/a\n", null, new RepetitionCounter());

    assertEquals(1, events.size());
    assertTrue(Double.isNaN(events.get(0).durationSeconds()));
  }

  @Test
  void shouldNumberRepetitionsAcrossRunsAndKeepExplicitOnes() {
    RepetitionCounter counter = new RepetitionCounter();
    List<StimulusEvent> run1 = parse("onset\tduration\tstimulus\n0\t1\ta\n4\t1\tb\n8\t1\ta\n", null, counter);
    List<StimulusEvent> run2 = parse("onset\tduration\tstimulus\n0\t1\tb\n4\t1\ta\n", null, counter);
    List<StimulusEvent> explicit = parse("onset\tduration\tstimulus\trepetition\tsplit\n0\t1\tc\t4\ttest\n", null, counter);

    assertEquals(List.of(0, 0, 1), run1.stream().map(StimulusEvent::repetition).toList());
    assertEquals(List.of(1, 2), run2.stream().map(StimulusEvent::repetition).toList());
    assertEquals(4, explicit.get(0).repetition());
    assertEquals(Split.TEST, explicit.get(0).split());
    assertEquals(5, counter.count("c"), "numbering goes on after an explicit repetition");
  }

  @Test
  void shouldRefuseAnExplicitRepetitionThatAnEarlierRunUsed() {
    RepetitionCounter counter = new RepetitionCounter();
    parse("onset\tduration\tstimulus\n0\t1\ta\n", null, counter);
    IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> parse("onset\tduration\tstimulus\trepetition\n0\t1\ta\t0\n", null, counter));
    assertEquals("run1_events.tsv: stimulus a repetition 0 was already presented in an earlier run", error.getMessage());
  }

  @Test
  void shouldReportEachProblemInOneLineNamingTheFileAndLine() {
    String[] bad = {
        "",
        "onset\tstim_file\n0\ta\n",
        "onset\tduration\tcondition\n0\t1\ta\n",
        "onset\tduration\tstimulus\n0\t1\n",
        "onset\tduration\tstimulus\n-2\t1\ta\n",
        "onset\tduration\tstimulus\nsoon\t1\ta\n",
        "onset\tduration\tstimulus\n0\t1\ta/b c\n",
        "onset\tduration\tstimulus\trepetition\n0\t1\ta\t0\n5\t1\ta\t0\n",
        "onset\tduration\tstimulus\tsplit\n0\t1\ta\tvalidation\n",
    };
    for (String text : bad) {
      IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
          () -> parse(text, null, new RepetitionCounter()), text);
      assertTrue(failure.getMessage().startsWith("run1_events.tsv"), failure.getMessage());
      assertEquals(1, failure.getMessage().lines().count(), failure.getMessage());
    }
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("onset\tduration\tstimulus\n0\t1\ta\nsoon\t1\ta\n",
        null, new RepetitionCounter())).getMessage().startsWith("run1_events.tsv:3: "));
  }
}
