package org.neuroencode.encoder.connectivity;

import java.util.List;

/**
 * Everything stage 2 and layer fusion read for one (subject, model): per stimulus, every layer's features and
 * the repetition-mean response of every voxel of every ROI, concatenated in ROI order. Only stimuli with all
 * layers and all ROIs belong here, so that every variant is fitted and scored on the same samples.
 *
 * @param layers layer names, in the order of {@link Row#features()}
 * @param rois ROI names, in the order their voxels are concatenated
 * @param roiVoxels voxels of each ROI
 * @param folds K of the cross-validation; a training row's fold is in [0, K)
 */
public record ModelData(List<String> layers, List<String> rois, int[] roiVoxels, int folds, List<Row> train,
    List<Row> test) {

  /** @param features per layer, the stimulus's feature vector */
  public record Row(String stimulusId, int fold, double[][] features, double[] response) {}

  public ModelData {
    layers = List.copyOf(layers);
    rois = List.copyOf(rois);
    train = List.copyOf(train);
    test = List.copyOf(test);
    if (roiVoxels.length != rois.size()) {
      throw new IllegalArgumentException(rois.size() + " ROIs but " + roiVoxels.length + " voxel counts");
    }
    int total = java.util.Arrays.stream(roiVoxels).sum();
    for (Row row : train) {
      checkRow(row, total, layers.size());
      if (row.fold() < 0 || row.fold() >= folds) {
        throw new IllegalArgumentException("stimulus " + row.stimulusId() + " is in fold " + row.fold() + " of " + folds);
      }
    }
    for (Row row : test) {
      checkRow(row, total, layers.size());
    }
  }

  public int totalVoxels() {
    return java.util.Arrays.stream(roiVoxels).sum();
  }

  /** Index of the ROI's first voxel in a row's response. */
  public int roiOffset(int roi) {
    int offset = 0;
    for (int r = 0; r < roi; r++) {
      offset += roiVoxels[r];
    }
    return offset;
  }

  double[][] trainFeatures(int layer) {
    return train.stream().map(row -> row.features()[layer]).toArray(double[][]::new);
  }

  double[][] testFeatures(int layer) {
    return test.stream().map(row -> row.features()[layer]).toArray(double[][]::new);
  }

  double[][] trainResponses() {
    return train.stream().map(Row::response).toArray(double[][]::new);
  }

  double[][] testResponses() {
    return test.stream().map(Row::response).toArray(double[][]::new);
  }

  int[] trainFolds() {
    return train.stream().mapToInt(Row::fold).toArray();
  }

  private static void checkRow(Row row, int voxels, int layers) {
    if (row.response().length != voxels || row.features().length != layers) {
      throw new IllegalArgumentException("stimulus " + row.stimulusId() + " has " + row.response().length + " voxels and "
          + row.features().length + " layers; expected " + voxels + " and " + layers);
    }
  }
}
