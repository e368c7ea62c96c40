package org.neuroencode.ingest.readers.nifti;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads a .nii or .nii.gz one 3-D volume at a time through a channel, into one reused buffer, so a 4-D series
 * larger than the heap streams: memory is one volume (at most 2 GiB) whatever the number of volumes.
 * The data's length is checked against the header when the file is opened, before any volume is returned, so a
 * truncated file fails before anything downstream has been published; for a .nii.gz that costs one extra
 * decompression pass (streamed, no memory).
 */
public final class NiftiVolumes implements AutoCloseable {
  private final Path file;
  private final NiftiHeader header;
  private final ReadableByteChannel channel;
  private final Volume volume;
  private int read;

  private NiftiVolumes(Path file, NiftiHeader header, ReadableByteChannel channel) throws IOException {
    this.file = file;
    this.header = header;
    this.channel = channel;
    long bytes = header.voxelsPerVolume() * header.datatype().bytes();
    if (bytes > Integer.MAX_VALUE) {
      throw new IOException(file + ": one 3-D volume is " + bytes + " bytes, over the 2 GiB a volume may have");
    }
    this.volume = new Volume(header, ByteBuffer.allocate((int) bytes).order(header.order()));
  }

  public static NiftiVolumes open(Path file) throws IOException {
    NiftiHeader header = readHeader(file);
    long holds = dataBytesIn(file, header);
    if (holds < header.dataBytes()) {
      throw new IOException(file + ": header says " + NiftiHeader.format(header.shape()) + " " + header.datatype()
          + " = " + header.dataBytes() + " bytes but the file holds " + holds + " after vox_offset " + header.voxOffset());
    }
    ReadableByteChannel channel = channel(file);
    try {
      skip(channel, header.voxOffset(), file);
      return new NiftiVolumes(file, header, channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  public static NiftiHeader readHeader(Path file) throws IOException {
    try (ReadableByteChannel channel = channel(file)) {
      ByteBuffer first4 = ByteBuffer.allocate(4);
      readFully(channel, first4, file);
      ByteBuffer whole = ByteBuffer.allocate(NiftiHeader.headerBytes(first4, file.toString()));
      whole.put(first4.flip());
      readFully(channel, whole, file);
      return NiftiHeader.parse(whole.order(first4.order()), file.toString());
    } catch (EOFException e) {
      throw new IOException(file + ": too short for a NIfTI header");
    }
  }

  public NiftiHeader header() {
    return header;
  }

  public Path file() {
    return file;
  }

  public boolean hasNext() {
    return read < header.volumes();
  }

  /** The next volume, in a buffer the following call overwrites. */
  public Volume next() throws IOException {
    if (!hasNext()) {
      throw new IllegalStateException(file + ": all " + header.volumes() + " volumes were read");
    }
    readFully(channel, volume.buffer().clear(), file);
    read++;
    return volume;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private static long dataBytesIn(Path file, NiftiHeader header) throws IOException {
    if (!isGzip(file)) {
      return Math.max(0, Files.size(file) - header.voxOffset());
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      return Math.max(0, in.transferTo(OutputStream.nullOutputStream()) - header.voxOffset());
    } catch (EOFException e) {
      throw new IOException(file + ": the gzip stream ends early (" + e.getMessage() + ")");
    }
  }

  private static ReadableByteChannel channel(Path file) throws IOException {
    if (!isGzip(file)) {
      return Files.newByteChannel(file);
    }
    return Channels.newChannel(new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), 1 << 16));
  }

  private static boolean isGzip(Path file) {
    return file.getFileName().toString().endsWith(".gz");
  }

  private static void skip(ReadableByteChannel channel, long bytes, Path file) throws IOException {
    ByteBuffer scratch = ByteBuffer.allocate(8192);
    for (long left = bytes; left > 0; left -= scratch.capacity()) {
      readFully(channel, scratch.clear().limit((int) Math.min(scratch.capacity(), left)), file);
    }
  }

  private static void readFully(ReadableByteChannel channel, ByteBuffer buffer, Path file) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new EOFException(file + ": ends early");
      }
    }
  }
}
