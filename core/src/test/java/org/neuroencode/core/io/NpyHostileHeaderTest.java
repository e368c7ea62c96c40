package org.neuroencode.core.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NpyHostileHeaderTest {
  private static byte[] npy(String shape) throws IOException {
    String header = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.write(new byte[] {(byte) (header.length() & 0xff), (byte) (header.length() >> 8)});
    out.write(header.getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }

  @Test
  void shouldCallATinyBodyWithAHugeShapeTruncatedWithoutAllocatingIt() throws IOException {
    byte[] body = npy("(260000000,)");
    IOException error = assertThrows(IOException.class, () -> Npy.read(new ByteArrayInputStream(body), "body"));
    assertTrue(error.getMessage().contains("truncated"), error.getMessage());
  }

  @Test
  void shouldRefuseNegativeDimensionsInOneLine() throws IOException {
    for (String shape : new String[] {"(-2, 3)", "(-1, -2)"}) {
      byte[] body = npy(shape);
      IOException error = assertThrows(IOException.class, () -> Npy.read(new ByteArrayInputStream(body), "body"));
      assertTrue(error.getMessage().startsWith("body: bad shape"), error.getMessage());
    }
  }
}
