package org.neuroencode.ingest.readers.nifti;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The volumes of a run, from one 4-D file or from a folder of 3-D files (taken in file-name order), read one
 * at a time; all must share the 3-D shape and datatype so that every response of an ROI has the same layout.
 */
public final class VolumeSeries implements AutoCloseable {
  private final List<Path> files;
  private final NiftiHeader first;
  private final int count;
  private NiftiVolumes current;
  private int fileIndex = -1;

  private VolumeSeries(List<Path> files, NiftiHeader first, int count) {
    this.files = files;
    this.first = first;
    this.count = count;
  }

  public static VolumeSeries ofFile(Path file) throws IOException {
    // opened now rather than at the first volume, so a truncated file fails before anything is published
    NiftiVolumes volumes = NiftiVolumes.open(file);
    VolumeSeries series = new VolumeSeries(List.of(file), volumes.header(), volumes.header().volumes());
    series.current = volumes;
    series.fileIndex = 0;
    return series;
  }

  public static VolumeSeries ofFolder(Path folder) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(file -> file.getFileName().toString().matches(".*\\.nii(\\.gz)?")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IOException(folder + ": no .nii or .nii.gz files");
    }
    NiftiHeader first = NiftiVolumes.readHeader(files.get(0));
    for (Path file : files) {
      NiftiHeader header;
      try (NiftiVolumes checked = NiftiVolumes.open(file)) {
        header = checked.header();
      }
      if (header.volumes() != 1 || !Arrays.equals(header.spatialShape(), first.spatialShape())
          || header.datatype() != first.datatype()) {
        throw new IOException(file + ": " + NiftiHeader.format(header.shape()) + " " + header.datatype()
            + ", unlike the one " + NiftiHeader.format(first.spatialShape()) + " " + first.datatype() + " volume of "
            + files.get(0));
      }
    }
    return new VolumeSeries(files, first, files.size());
  }

  public int count() {
    return count;
  }

  public int[] spatialShape() {
    return first.spatialShape();
  }

  public NiftiDatatype datatype() {
    return first.datatype();
  }

  /** Where the data comes from, for error messages. */
  public Path source() {
    return files.size() == 1 ? files.get(0) : files.get(0).getParent();
  }

  /** The file the last volume came from. */
  public Path currentFile() {
    return current.file();
  }

  public Volume next() throws IOException {
    while (current == null || !current.hasNext()) {
      if (current != null) {
        current.close();
      }
      current = NiftiVolumes.open(files.get(++fileIndex));
    }
    return current.next();
  }

  @Override
  public void close() throws IOException {
    if (current != null) {
      current.close();
    }
  }
}
