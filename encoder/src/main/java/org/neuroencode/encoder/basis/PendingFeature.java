package org.neuroencode.encoder.basis;

import java.nio.ByteBuffer;

/** Encoded raw features waiting for a basis or for their experiment, with when they were first seen. */
record PendingFeature(long firstSeenMs, byte[] features) {

  byte[] toBytes() {
    return ByteBuffer.allocate(8 + features.length).putLong(firstSeenMs).put(features).array();
  }

  static PendingFeature fromBytes(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long firstSeen = buffer.getLong();
    byte[] features = new byte[buffer.remaining()];
    buffer.get(features);
    return new PendingFeature(firstSeen, features);
  }
}
