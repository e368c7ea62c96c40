package org.neuroencode.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link NpyHeader#decode} in both byte orders and both widths, read in consecutive pieces as {@link NpyRows} reads rows,
 * and {@link Npy}'s encoding, little-endian in both widths.
 */
class NpyHeaderTest {

  @ParameterizedTest(name = "itemSize={0}, bigEndian={1}")
  @CsvSource({"8, false", "8, true", "4, false", "4, true"})
  void shouldDecodeConsecutivePiecesFromTheBuffersPosition(int itemSize, boolean bigEndian) {
    ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    double[] values = {1.5, -2.25, 1e-3, 3.0e7, -0.0, 42, 7.125};
    ByteBuffer raw = ByteBuffer.allocate(3 + values.length * itemSize).order(order);
    raw.put(new byte[] {9, 9, 9});
    for (double value : values) {
      if (itemSize == 8) {
        raw.putDouble(value);
      } else {
        raw.putFloat((float) value);
      }
    }
    // a buffer of the other order, positioned past a prefix: decode takes the header's order and starts at the position
    ByteBuffer data = ByteBuffer.wrap(raw.array()).order(bigEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN).position(3);
    NpyHeader header = new NpyHeader(itemSize, order, false, new int[] {values.length}, 0);

    double[] first = header.decode(data, 4);
    double[] rest = header.decode(data, 3);

    double[] expected = values.clone();
    if (itemSize == 4) {
      for (int i = 0; i < expected.length; i++) {
        expected[i] = (float) expected[i];
      }
    }
    assertArrayEquals(java.util.Arrays.copyOfRange(expected, 0, 4), first);
    assertArrayEquals(java.util.Arrays.copyOfRange(expected, 4, 7), rest);
    assertEquals(data.capacity(), data.position());
    assertThrows(BufferUnderflowException.class, () -> header.decode(data, 1));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "float32={0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
  void shouldWriteLittleEndianDataThatReadsBack(boolean float32) throws java.io.IOException {
    double[] values = {1.5, -2.25, 1e-3, 3.0e7, -0.0, 42};
    byte[] file = Npy.bytes(values, float32, 2, 3);
    int itemSize = float32 ? 4 : 8;
    ByteBuffer data = ByteBuffer.wrap(file, file.length - values.length * itemSize, values.length * itemSize).order(ByteOrder.LITTLE_ENDIAN);
    NpyArray read = Npy.read(new java.io.ByteArrayInputStream(file), "test.npy");
    for (int i = 0; i < values.length; i++) {
      double expected = float32 ? (float) values[i] : values[i];
      assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(float32 ? data.getFloat() : data.getDouble()), "value " + i);
      assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(read.values()[i]), "read back " + i);
    }
    assertEquals(float32 ? "float32" : "float64", read.dtype());
  }
}
