package org.neuroencode.extractor.preprocess;

/**
 * Per-channel mean and standard deviation of RGB in [0, 1]: ImageNet's (torchvision's image models),
 * Kinetics-400's as torchvision's R3D-family and S3D weights use them, the rounded 0.45 / 0.225 that
 * torchvision's MViTs and pytorchvideo's networks use ({@code kinetics-045}), or none.
 */
public enum Normalization {
  IMAGENET(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f}),
  KINETICS(new float[] {0.43216f, 0.394666f, 0.37645f}, new float[] {0.22803f, 0.22145f, 0.216989f}),
  KINETICS_045(new float[] {0.45f, 0.45f, 0.45f}, new float[] {0.225f, 0.225f, 0.225f}),
  NONE(new float[] {0f, 0f, 0f}, new float[] {1f, 1f, 1f});

  private final float[] mean;
  private final float[] std;

  Normalization(float[] mean, float[] std) {
    this.mean = mean;
    this.std = std;
  }

  public static Normalization parse(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
  }

  public float apply(int channel, float value) {
    return (value - mean[channel]) / std[channel];
  }
}
