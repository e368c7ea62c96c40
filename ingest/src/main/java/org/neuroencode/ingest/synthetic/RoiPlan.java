package org.neuroencode.ingest.synthetic;

import java.util.List;

/**
 * A synthetic ROI: its nominal voxel count and the achievable r of its signal voxels, i.e. the
 * correlation between the true signal and the mean of the training repetitions.
 */
public record RoiPlan(String name, int voxels, double achievableR) {

  /** The nine Algonauts 2021 ROIs; early visual areas are cleaner than category-selective ones. */
  public static List<RoiPlan> algonautsDefaults(double voxelScale) {
    return List.of(
        new RoiPlan("V1", scaled(120, voxelScale), 0.58),
        new RoiPlan("V2", scaled(110, voxelScale), 0.55),
        new RoiPlan("V3", scaled(100, voxelScale), 0.50),
        new RoiPlan("V4", scaled(80, voxelScale), 0.45),
        new RoiPlan("LOC", scaled(100, voxelScale), 0.42),
        new RoiPlan("EBA", scaled(90, voxelScale), 0.45),
        new RoiPlan("FFA", scaled(60, voxelScale), 0.32),
        new RoiPlan("STS", scaled(70, voxelScale), 0.28),
        new RoiPlan("PPA", scaled(60, voxelScale), 0.24));
  }

  private static int scaled(int voxels, double scale) {
    return Math.max(10, (int) Math.round(voxels * scale));
  }
}
