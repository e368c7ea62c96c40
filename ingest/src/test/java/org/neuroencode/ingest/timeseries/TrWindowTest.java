package org.neuroencode.ingest.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrWindowTest {

  @Test
  void shouldMapAnOnsetToTheVolumeWhoseIntervalContainsIt() {
    assertEquals(0, TrWindow.onsetVolume(0, 2));
    assertEquals(0, TrWindow.onsetVolume(1.999, 2));
    assertEquals(1, TrWindow.onsetVolume(2, 2));
    assertEquals(3, TrWindow.onsetVolume(5.9999999, 2), "an onset written short of a TR boundary counts as on it");
    assertEquals(2, TrWindow.onsetVolume(5.99, 2));
    assertEquals(5, TrWindow.onsetVolume(8.75, 1.75));
  }

  @Test
  void shouldPlaceTheBoldMomentsWindowFiveToNineVolumesAfterTheOnsetVolume() {
    assertEquals(15, TrWindow.BOLD_MOMENTS.firstVolume(20.5, 2));
    assertEquals(19, TrWindow.BOLD_MOMENTS.lastVolume(20.5, 2));
    assertEquals(5, TrWindow.BOLD_MOMENTS.length());
  }

  @Test
  void shouldParseRangesAndSingleVolumesAndRefuseTheRest() {
    assertEquals(new TrWindow(5, 9), TrWindow.parse("5-9"));
    assertEquals(new TrWindow(4, 4), TrWindow.parse(" 4 "));
    assertThrows(IllegalArgumentException.class, () -> TrWindow.parse("9-5"));
    assertThrows(IllegalArgumentException.class, () -> TrWindow.parse("-1-3"));
    assertThrows(IllegalArgumentException.class, () -> TrWindow.parse("five"));
    assertThrows(IllegalArgumentException.class, () -> TrWindow.onsetVolume(-1, 2));
    assertThrows(IllegalArgumentException.class, () -> TrWindow.onsetVolume(1, 0));
    assertThrows(IllegalArgumentException.class, () -> TrWindow.onsetVolume(Double.NaN, 2));
  }
}
