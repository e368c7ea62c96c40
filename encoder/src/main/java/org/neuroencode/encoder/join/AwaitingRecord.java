package org.neuroencode.encoder.join;

import java.nio.ByteBuffer;

/** A raw input record parked until its experiment is registered, with when it was first seen. */
record AwaitingRecord(long firstSeenMs, byte[] key, byte[] value) {

  byte[] toBytes() {
    byte[] k = key == null ? new byte[0] : key;
    ByteBuffer buffer = ByteBuffer.allocate(8 + 4 + k.length + value.length);
    buffer.putLong(firstSeenMs).putInt(k.length).put(k).put(value);
    return buffer.array();
  }

  static AwaitingRecord fromBytes(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long firstSeen = buffer.getLong();
    byte[] key = new byte[buffer.getInt()];
    buffer.get(key);
    byte[] value = new byte[buffer.remaining()];
    buffer.get(value);
    return new AwaitingRecord(firstSeen, key, value);
  }

  /** Store key that keeps the parked records of a partition in offset order. */
  static String storeKey(String topic, int partition, long offset) {
    return String.format("%s/%05d/%019d", topic, partition, offset);
  }

  static String[] parseStoreKey(String storeKey) {
    return storeKey.split("/");
  }
}
