package org.neuroencode.encoder.cell;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.BitSet;
import org.neuroencode.core.schema.Split;

/**
 * One stimulus of one cell: its features, the sum of its repetitions, and the (features, mean) pair
 * that is currently folded into the sufficient statistics, so that a late repetition or re-extracted
 * features replace that contribution exactly.
 */
final class StimulusState {
  final Split split;
  double[] features;
  final double[] responseSum;
  final BitSet repetitions;
  double[] appliedFeatures;
  double[] appliedMean;

  StimulusState(Split split, double[] features, int voxels) {
    this(split, features, new double[voxels], new BitSet(), null, null);
  }

  private StimulusState(Split split, double[] features, double[] responseSum, BitSet repetitions,
      double[] appliedFeatures, double[] appliedMean) {
    this.split = split;
    this.features = features;
    this.responseSum = responseSum;
    this.repetitions = repetitions;
    this.appliedFeatures = appliedFeatures;
    this.appliedMean = appliedMean;
  }

  boolean hasRepetition(int repetition) {
    return repetitions.get(repetition);
  }

  void addRepetition(int repetition, double[] response) {
    repetitions.set(repetition);
    for (int i = 0; i < response.length; i++) {
      responseSum[i] += response[i];
    }
  }

  int count() {
    return repetitions.cardinality();
  }

  double[] meanResponse() {
    double[] mean = new double[responseSum.length];
    int n = count();
    for (int i = 0; i < mean.length; i++) {
      mean[i] = responseSum[i] / n;
    }
    return mean;
  }

  boolean isApplied() {
    return appliedMean != null;
  }

  boolean sameFeatures(double[] other) {
    return Arrays.equals(features, other);
  }

  byte[] toBytes() {
    byte[] reps = repetitions.toByteArray();
    int p = features.length;
    int v = responseSum.length;
    boolean applied = isApplied();
    int size = 1 + 4 + 4 + 4 + reps.length + 8 * (p + v) + 1 + (applied ? 8 * (p + v) : 0);
    ByteBuffer buffer = ByteBuffer.allocate(size);
    buffer.put((byte) split.ordinal()).putInt(p).putInt(v).putInt(reps.length).put(reps);
    putAll(buffer, features);
    putAll(buffer, responseSum);
    buffer.put((byte) (applied ? 1 : 0));
    if (applied) {
      putAll(buffer, appliedFeatures);
      putAll(buffer, appliedMean);
    }
    return buffer.array();
  }

  static StimulusState fromBytes(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    Split split = Split.values()[buffer.get()];
    int p = buffer.getInt();
    int v = buffer.getInt();
    byte[] reps = new byte[buffer.getInt()];
    buffer.get(reps);
    double[] features = getAll(buffer, p);
    double[] sum = getAll(buffer, v);
    boolean applied = buffer.get() == 1;
    double[] appliedFeatures = applied ? getAll(buffer, p) : null;
    double[] appliedMean = applied ? getAll(buffer, v) : null;
    return new StimulusState(split, features, sum, BitSet.valueOf(reps), appliedFeatures, appliedMean);
  }

  private static void putAll(ByteBuffer buffer, double[] values) {
    for (double value : values) {
      buffer.putDouble(value);
    }
  }

  private static double[] getAll(ByteBuffer buffer, int n) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = buffer.getDouble();
    }
    return values;
  }
}
