package org.neuroencode.app.cli;

import org.neuroencode.encoder.EncoderSettings;
import picocli.CommandLine.Option;

/** How large ROIs are split into cells. */
public final class VoxelBlockOptions {
  @Option(names = "--voxel-block", paramLabel = "VOXELS",
      description = "ROIs with more voxels are encoded as several cells of at most this many, so that each cell's "
          + "state stays bounded; the evaluator joins them back into one ROI score (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + EncoderSettings.DEFAULT_VOXEL_BLOCK)
  int voxelBlock;
}
