package org.neuroencode.ingest.timeseries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.neuroencode.core.schema.Split;

class ResponseWindowerTest {
  private static final double TR = 2.0;
  private static final int VOLUMES = 40;
  private static final int VOXELS = 3;
  private static final TrWindow WINDOW = TrWindow.BOLD_MOMENTS;
  /** Onsets off and on TR boundaries, overlapping windows, and one window past the run's end. */
  private static final List<StimulusEvent> EVENTS = List.of(event("a", 0, 0), event("b", 3.1, 0), event("c", 8, 0),
      event("a", 9.9, 1), event("d", 40, 0), event("e", 66, 0));

  private static StimulusEvent event(String stimulus, double onset, int repetition) {
    return new StimulusEvent(stimulus, onset, 3, repetition, Split.TRAIN);
  }

  private static double[][] series() {
    SplittableRandom random = new SplittableRandom(3);
    double[][] volumes = new double[VOLUMES][VOXELS];
    for (double[] volume : volumes) {
      for (int v = 0; v < VOXELS; v++) {
        volume[v] = 1000 + 10 * random.nextGaussian();
      }
    }
    return volumes;
  }

  /** The straightforward reading: each event's window, from floor(onset / TR), averaged with a plain loop. */
  private static double[] naiveMean(double[][] volumes, StimulusEvent event) {
    int onset = (int) Math.floor(event.onsetSeconds() / TR + 1e-6);
    double[] sum = new double[VOXELS];
    for (int t = onset + WINDOW.first(); t <= onset + WINDOW.last(); t++) {
      for (int v = 0; v < VOXELS; v++) {
        sum[v] += volumes[t][v];
      }
    }
    for (int v = 0; v < VOXELS; v++) {
      sum[v] /= WINDOW.length();
    }
    return sum;
  }

  /** Delivers volumes in the given order; returns, per event key, the arrival step that emitted it and its values. */
  private static Map<String, Emission> deliver(List<Integer> order, double[][] volumes) {
    ResponseWindower windower = new ResponseWindower(EVENTS, WINDOW, TR, VOXELS);
    Map<String, Emission> emitted = new HashMap<>();
    for (int step = 0; step < order.size(); step++) {
      int t = order.get(step);
      for (WindowedResponse response : windower.accept(t, volumes[t])) {
        Emission earlier = emitted.put(key(response.event()), new Emission(step, response.values()));
        assertEquals(null, earlier, "emitted twice: " + response.event());
      }
    }
    assertEquals(List.of(EVENTS.get(5)), windower.pending(), "only the window past the end stays open");
    assertEquals(2, windower.heldVolumes(), "volumes 38 and 39 wait for the window that runs past the end");
    return emitted;
  }

  private record Emission(int step, double[] values) {}

  private static String key(StimulusEvent event) {
    return event.stimulusId() + "#" + event.repetition();
  }

  @Test
  void shouldEmitEachResponseExactlyWhenTheLastVolumeOfItsWindowArrives() {
    double[][] volumes = series();
    List<Integer> inOrder = IntStream.range(0, VOLUMES).boxed().toList();

    Map<String, Emission> emitted = deliver(inOrder, volumes);

    assertEquals(5, emitted.size());
    for (StimulusEvent event : EVENTS.subList(0, 5)) {
      Emission emission = emitted.get(key(event));
      assertEquals(WINDOW.lastVolume(event.onsetSeconds(), TR), emission.step(), key(event));
      assertArrayEquals(naiveMean(volumes, event), emission.values(), key(event));
    }
  }

  @Test
  void shouldGiveOutOfOrderVolumesTheSameResponsesBitForBitAsSoonAsTheWindowIsFilled() {
    double[][] volumes = series();
    Map<String, Emission> inOrder = deliver(IntStream.range(0, VOLUMES).boxed().toList(), volumes);
    List<Integer> shuffled = new ArrayList<>(IntStream.range(0, VOLUMES).boxed().toList());
    Collections.shuffle(shuffled, new java.util.Random(5));

    Map<String, Emission> outOfOrder = deliver(shuffled, volumes);

    for (StimulusEvent event : EVENTS.subList(0, 5)) {
      int first = WINDOW.firstVolume(event.onsetSeconds(), TR);
      int filledAt = IntStream.rangeClosed(first, first + WINDOW.length() - 1).map(shuffled::indexOf).max().orElseThrow();
      assertEquals(filledAt, outOfOrder.get(key(event)).step(), key(event));
      assertArrayEquals(inOrder.get(key(event)).values(), outOfOrder.get(key(event)).values(), key(event));
    }
  }

  @Test
  void shouldRefuseASecondDeliveryOfAVolumeAndLetAFailedOneBeRetried() {
    ResponseWindower windower = new ResponseWindower(EVENTS, WINDOW, TR, VOXELS);

    assertTrue(windower.claim(5));
    assertFalse(windower.claim(5), "a claimed volume is claimed once");
    windower.release(5);
    assertTrue(windower.claim(5), "released after a failed recording");
    windower.accept(5, new double[VOXELS]);
    windower.release(5);
    assertFalse(windower.claim(5), "a delivered volume stays delivered");
    assertThrows(IllegalArgumentException.class, () -> windower.accept(5, new double[VOXELS]));
    assertThrows(IllegalArgumentException.class, () -> windower.accept(6, new double[VOXELS + 1]));
    assertThrows(IllegalArgumentException.class, () -> windower.accept(-1, new double[VOXELS]));
    assertThrows(IllegalArgumentException.class, () -> windower.claim(ResponseWindower.MAX_VOLUME + 1));
  }

  @Test
  void shouldHoldOnlyTheVolumesThatAPendingWindowNeeds() {
    ResponseWindower windower = new ResponseWindower(List.of(event("a", 0, 0)), WINDOW, TR, VOXELS);

    for (int t = 0; t < 9; t++) {
      assertEquals(List.of(), windower.accept(t, new double[VOXELS]));
    }
    assertEquals(4, windower.heldVolumes(), "volumes 5-8, not 0-4");
    assertEquals(1, windower.accept(9, new double[VOXELS]).size());
    assertEquals(0, windower.heldVolumes());
    assertEquals(List.of(), windower.accept(10, new double[VOXELS]));
    assertEquals(0, windower.heldVolumes());
  }
}
