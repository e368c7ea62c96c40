package org.neuroencode.core.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Streams an .npy file one index of its first axis at a time (for a response cube, one stimulus with all its
 * repetitions), so files larger than the heap can be read. C-order rows are contiguous and read directly;
 * Fortran-order files are gathered a block of rows at a time (at most about {@value #BLOCK_BYTES} bytes of
 * source data), with one read per column of the block.
 */
public final class NpyRows implements AutoCloseable {
  static final int BLOCK_BYTES = 8 << 20;
  private final FileChannel channel;
  private final NpyHeader header;
  private final String name;
  private final int rows;
  private final int rowLength;
  private int nextRow;
  private double[][] block = new double[0][];
  private int blockStart;

  private NpyRows(FileChannel channel, NpyHeader header, String name) throws IOException {
    this.channel = channel;
    this.header = header;
    this.name = name;
    this.rows = header.shape().length == 0 ? 1 : header.shape()[0];
    if (header.rowLength() * 8 > Integer.MAX_VALUE - 64) {
      throw new IOException(name + ": one row of " + header.rowLength() + " values is too large to hold");
    }
    this.rowLength = (int) header.rowLength();
    long expected = header.dataOffset() + header.count() * header.itemSize();
    if (channel.size() < expected) {
      throw new IOException(name + ": truncated NPY file (the header promises " + (expected - header.dataOffset())
          + " bytes of data, the file holds " + Math.max(0, channel.size() - header.dataOffset()) + ")");
    }
  }

  public static NpyRows open(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      // the stream only serves the header; rows are read by position, so its read-ahead does no harm
      DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 4096));
      NpyHeader header;
      try {
        header = Npy.readHeader(in, file.toString());
      } catch (EOFException e) {
        throw new IOException(file + ": truncated NPY file (the header is incomplete)");
      }
      return new NpyRows(channel, header, file.toString());
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  public NpyHeader header() {
    return header;
  }

  public int[] shape() {
    return header.shape().clone();
  }

  public String dtype() {
    return header.dtype();
  }

  public int rows() {
    return rows;
  }

  public int rowLength() {
    return rowLength;
  }

  public boolean hasNext() {
    return nextRow < rows;
  }

  /** The next index of the first axis, its values in C order of the remaining axes. */
  public double[] next() throws IOException {
    if (!hasNext()) {
      throw new IllegalStateException(name + ": no more rows");
    }
    int row = nextRow++;
    if (!header.fortranOrder() || header.shape().length < 2) {
      return readAt(header.dataOffset() + (long) row * rowLength * header.itemSize(), rowLength);
    }
    if (row >= blockStart + block.length) {
      readFortranBlock(row);
    }
    double[] values = block[row - blockStart];
    block[row - blockStart] = null;
    return values;
  }

  private void readFortranBlock(int firstRow) throws IOException {
    long rowBytes = (long) rowLength * header.itemSize();
    int count = (int) Math.max(1, Math.min(rows - firstRow, BLOCK_BYTES / Math.max(1, rowBytes)));
    double[][] gathered = new double[count][rowLength];
    int[] rest = Arrays.copyOfRange(header.shape(), 1, header.shape().length);
    int[] index = new int[rest.length];
    for (int column = 0; column < rowLength; column++) {
      // Fortran order: the first axis is fastest, so this column's values for the block's rows are contiguous
      double[] values = readAt(header.dataOffset() + ((long) column * rows + firstRow) * header.itemSize(), count);
      int cIndex = 0;
      for (int d = 0; d < rest.length; d++) {
        cIndex = cIndex * rest[d] + index[d];
      }
      for (int b = 0; b < count; b++) {
        gathered[b][cIndex] = values[b];
      }
      for (int d = 0; d < rest.length && ++index[d] == rest[d]; d++) {
        index[d] = 0;
      }
    }
    block = gathered;
    blockStart = firstRow;
  }

  private double[] readAt(long position, int count) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(count * header.itemSize());
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException(name + ": truncated NPY file");
      }
    }
    buffer.flip();
    return header.decode(buffer, count);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
