package org.neuroencode.ingest.readers.pickle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The pickle's bytes with a cursor; running out is always reported as truncation. */
final class PickleInput {
  private final byte[] bytes;
  private final String file;
  private int position;

  PickleInput(byte[] bytes, String file) {
    this.bytes = bytes;
    this.file = file;
  }

  int position() {
    return position;
  }

  int readUnsignedByte() throws PickleFormatException {
    require(1);
    return bytes[position++] & 0xff;
  }

  ByteBuffer readLittleEndian(int length) throws PickleFormatException {
    return ByteBuffer.wrap(readBytes(length)).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Reads a length prefix of 1, 4 or 8 little-endian bytes, as the sized opcodes write it. */
  int readLength(int prefixBytes) throws PickleFormatException {
    long length = switch (prefixBytes) {
      case 1 -> readUnsignedByte();
      case 4 -> Integer.toUnsignedLong(readLittleEndian(4).getInt());
      default -> readLittleEndian(8).getLong();
    };
    if (length < 0 || length > bytes.length - position) {
      throw truncated();
    }
    return (int) length;
  }

  byte[] readBytes(int length) throws PickleFormatException {
    require(length);
    byte[] out = Arrays.copyOfRange(bytes, position, position + length);
    position += length;
    return out;
  }

  String readString(int length, Charset charset) throws PickleFormatException {
    return new String(readBytes(length), charset);
  }

  /** The newline-terminated text arguments of the protocol-0 opcodes (GLOBAL, PUT, GET, INT). */
  String readLine() throws PickleFormatException {
    int start = position;
    while (position < bytes.length && bytes[position] != '\n') {
      position++;
    }
    if (position == bytes.length) {
      throw truncated();
    }
    return new String(bytes, start, position++ - start, StandardCharsets.ISO_8859_1);
  }

  PickleFormatException truncated() {
    return new PickleFormatException(file, "truncated pickle (" + bytes.length + " bytes, it ends inside an opcode)");
  }

  private void require(int length) throws PickleFormatException {
    if (length > bytes.length - position) {
      throw truncated();
    }
  }
}
