package org.neuroencode.extractor.preprocess;

/**
 * Per-channel mean and standard deviation of RGB in [0, 1]: ImageNet's (torchvision's image models) or
 * Kinetics-400's (torchvision's video models), or none.
 */
public enum Normalization {
  IMAGENET(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f}),
  KINETICS(new float[] {0.43216f, 0.394666f, 0.37645f}, new float[] {0.22803f, 0.22145f, 0.216989f}),
  NONE(new float[] {0f, 0f, 0f}, new float[] {1f, 1f, 1f});

  private final float[] mean;
  private final float[] std;

  Normalization(float[] mean, float[] std) {
    this.mean = mean;
    this.std = std;
  }

  public static Normalization parse(String name) {
    return valueOf(name.toUpperCase());
  }

  public float apply(int channel, float value) {
    return (value - mean[channel]) / std[channel];
  }
}
