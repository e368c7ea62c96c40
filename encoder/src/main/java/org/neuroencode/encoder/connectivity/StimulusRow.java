package org.neuroencode.encoder.connectivity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the connectivity stage keeps per (subject, model, stimulus): every layer's latest features, and per ROI
 * voxel block the sum of its repetitions with the set of repetitions already counted (a replayed record
 * is counted once).
 */
final class StimulusRow {
  boolean train;
  final Map<String, double[]> features = new TreeMap<>();
  final Map<String, Block> blocks = new TreeMap<>();
  final Map<String, String> attributes = new TreeMap<>();

  static final class Block {
    final String roi;
    final int offset;
    final int roiVoxels;
    final double[] sum;
    final BitSet repetitions = new BitSet();

    Block(String roi, int offset, int roiVoxels, int width) {
      this.roi = roi;
      this.offset = offset;
      this.roiVoxels = roiVoxels;
      this.sum = new double[width];
    }

    double[] mean() {
      double[] mean = sum.clone();
      int count = repetitions.cardinality();
      for (int j = 0; j < mean.length; j++) {
        mean[j] /= count;
      }
      return mean;
    }
  }

  static String blockKey(String roi, int block) {
    return roi + "#" + block;
  }

  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeBoolean(train);
      out.writeInt(features.size());
      for (Map.Entry<String, double[]> layer : features.entrySet()) {
        out.writeUTF(layer.getKey());
        writeDoubles(out, layer.getValue());
      }
      out.writeInt(blocks.size());
      for (Map.Entry<String, Block> entry : blocks.entrySet()) {
        Block block = entry.getValue();
        out.writeUTF(entry.getKey());
        out.writeUTF(block.roi);
        out.writeInt(block.offset);
        out.writeInt(block.roiVoxels);
        writeDoubles(out, block.sum);
        byte[] reps = block.repetitions.toByteArray();
        out.writeInt(reps.length);
        out.write(reps);
      }
      out.writeInt(attributes.size());
      for (Map.Entry<String, String> attribute : attributes.entrySet()) {
        out.writeUTF(attribute.getKey());
        out.writeUTF(attribute.getValue());
      }
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return bytes.toByteArray();
  }

  static StimulusRow fromBytes(byte[] bytes) {
    StimulusRow row = new StimulusRow();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      row.train = in.readBoolean();
      for (int i = in.readInt(); i > 0; i--) {
        row.features.put(in.readUTF(), readDoubles(in));
      }
      for (int i = in.readInt(); i > 0; i--) {
        String key = in.readUTF();
        String roi = in.readUTF();
        int offset = in.readInt();
        int roiVoxels = in.readInt();
        double[] sum = readDoubles(in);
        Block block = new Block(roi, offset, roiVoxels, sum.length);
        System.arraycopy(sum, 0, block.sum, 0, sum.length);
        byte[] reps = new byte[in.readInt()];
        in.readFully(reps);
        block.repetitions.or(BitSet.valueOf(reps));
        row.blocks.put(key, block);
      }
      for (int i = in.readInt(); i > 0; i--) {
        row.attributes.put(in.readUTF(), in.readUTF());
      }
    } catch (IOException corrupt) {
      throw new UncheckedIOException("corrupt connectivity row", corrupt);
    }
    return row;
  }

  private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
    out.writeInt(values.length);
    for (double value : values) {
      out.writeDouble(value);
    }
  }

  private static double[] readDoubles(DataInputStream in) throws IOException {
    double[] values = new double[in.readInt()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readDouble();
    }
    return values;
  }
}
