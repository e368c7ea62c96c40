package org.neuroencode.ingest.readers.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.neuroencode.core.schema.Split;
import org.neuroencode.ingest.readers.DataRoot;

/**
 * An HDF5 file in the voxelwise_tutorials layout (gallantlab, e.g. the shortclips data set): responses
 * {@code Y_train} (samples, voxels) and {@code Y_test} (samples, voxels) or, with repetitions,
 * (repetitions, samples, voxels); features {@code X_train} and {@code X_test} (samples, features...). A file may
 * hold the responses, the features, or both; other datasets ({@code run_onsets}, mappers) are left alone.
 * Arrays are read a slab of samples at a time through jhdf's slice reads, so files larger than the heap stream.
 */
public final class VoxelwiseFile implements AutoCloseable {
  private final HdfFile file;
  private final Path path;

  private VoxelwiseFile(HdfFile file, Path path) {
    this.file = file;
    this.path = path;
  }

  public static VoxelwiseFile open(Path path, DataRoot dataRoot) throws IOException {
    dataRoot.confine(path);
    if (!Files.isRegularFile(path)) {
      throw new IOException(path + ": no such file");
    }
    try {
      return new VoxelwiseFile(new HdfFile(path), path);
    } catch (HdfException e) {
      throw new IOException(path + ": not a readable HDF5 file (" + oneLine(e) + ")");
    }
  }

  public Path path() {
    return path;
  }

  /** {@code Y_train} or {@code Y_test}, or null when the file has none. */
  public SampleArray responses(Split split) throws IOException {
    return array("Y_" + splitSuffix(split), true);
  }

  /** {@code X_train} or {@code X_test}, or null when the file has none. */
  public SampleArray features(Split split) throws IOException {
    return array("X_" + splitSuffix(split), false);
  }

  private SampleArray array(String name, boolean responses) throws IOException {
    Node node;
    try {
      if (!file.getChildren().containsKey(name)) {
        return null;
      }
      node = file.getChild(name);
    } catch (HdfException e) {
      // a corrupt or truncated file is not a file without the dataset: say so, naming the file
      throw new IOException(path + ": unreadable HDF5 (" + e.getMessage() + ")");
    }
    if (!(node instanceof Dataset dataset)) {
      throw new IOException(path + ": " + name + " is not a dataset");
    }
    int[] shape = dataset.getDimensions();
    Class<?> type = dataset.getJavaType();
    if (type != float.class && type != double.class) {
      throw new IOException(path + ": " + name + " has elements of type " + type.getSimpleName()
          + " (float32 or float64 expected)");
    }
    boolean repeated = responses && shape.length == 3;
    if (responses && shape.length != 2 && shape.length != 3) {
      throw new IOException(path + ": " + name + " has shape " + Arrays.toString(shape)
          + " (samples, voxels) or (repetitions, samples, voxels) expected");
    }
    if (!responses && shape.length < 2) {
      throw new IOException(path + ": " + name + " has shape " + Arrays.toString(shape) + " (samples, features...) expected");
    }
    return new SampleArray(path + ":" + name, dataset, shape, type == double.class ? "float64" : "float32", repeated);
  }

  private static String splitSuffix(Split split) {
    return split == Split.TRAIN ? "train" : "test";
  }

  static String oneLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    return message.lines().findFirst().orElse(message);
  }

  @Override
  public void close() {
    file.close();
  }
}
