package org.neuroencode.encoder.connectivity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.neuroencode.core.ids.Folds;

/**
 * Builds {@link ModelData} from the stored rows of one (subject, model). Layers and ROIs are sorted by name,
 * so the result does not depend on arrival order; a stimulus enters only once it has every layer's features
 * and every voxel of every ROI, so that every variant is scored on the same stimuli. A layer's vectors must all
 * have its most common length: a stimulus with another length (a malformed features record, which the cell
 * stage dead-letters) is left out rather than failing the model's fit.
 */
final class ModelDataAssembly {
  private ModelDataAssembly() {}

  static ModelData assemble(Map<String, StimulusRow> rowsByStimulus, int folds) {
    TreeSet<String> layers = new TreeSet<>();
    Map<String, Integer> roiVoxels = new TreeMap<>();
    for (StimulusRow row : rowsByStimulus.values()) {
      layers.addAll(row.features.keySet());
      row.blocks.values().forEach(block -> roiVoxels.merge(block.roi, block.roiVoxels, Math::max));
    }
    List<String> rois = new ArrayList<>(roiVoxels.keySet());
    int[] voxels = rois.stream().mapToInt(roiVoxels::get).toArray();
    int[] offsets = new int[rois.size()];
    int total = 0;
    for (int r = 0; r < rois.size(); r++) {
      offsets[r] = total;
      total += voxels[r];
    }
    Map<String, Integer> featureLengths = mostCommonLengths(rowsByStimulus, layers);
    List<ModelData.Row> train = new ArrayList<>();
    List<ModelData.Row> test = new ArrayList<>();
    for (Map.Entry<String, StimulusRow> entry : rowsByStimulus.entrySet()) {
      StimulusRow row = entry.getValue();
      double[] response = complete(row, rois, offsets, total);
      if (response == null || !row.features.keySet().equals(layers) || layers.stream()
          .anyMatch(layer -> row.features.get(layer).length != featureLengths.get(layer))) {
        continue;
      }
      double[][] features = layers.stream().map(row.features::get).toArray(double[][]::new);
      String stimulusId = entry.getKey();
      ModelData.Row built = new ModelData.Row(stimulusId, row.train ? Folds.of(stimulusId, folds) : -1, features, response);
      (row.train ? train : test).add(built);
    }
    return new ModelData(new ArrayList<>(layers), rois, voxels, folds, train, test);
  }

  private static Map<String, Integer> mostCommonLengths(Map<String, StimulusRow> rows, TreeSet<String> layers) {
    Map<String, Integer> lengths = new TreeMap<>();
    for (String layer : layers) {
      Map<Integer, Integer> counts = new TreeMap<>();
      rows.values().forEach(row -> {
        double[] features = row.features.get(layer);
        if (features != null) {
          counts.merge(features.length, 1, Integer::sum);
        }
      });
      lengths.put(layer, counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey());
    }
    return lengths;
  }

  /** The concatenated repetition means, or null while some voxel has no response yet. */
  private static double[] complete(StimulusRow row, List<String> rois, int[] offsets, int total) {
    double[] response = new double[total];
    int[] filled = new int[rois.size()];
    for (StimulusRow.Block block : row.blocks.values()) {
      int r = rois.indexOf(block.roi);
      if (block.repetitions.isEmpty()) {
        return null;
      }
      System.arraycopy(block.mean(), 0, response, offsets[r] + block.offset, block.sum.length);
      filled[r] += block.sum.length;
    }
    for (int r = 0; r < rois.size(); r++) {
      int expected = (r + 1 < rois.size() ? offsets[r + 1] : total) - offsets[r];
      if (filled[r] != expected) {
        return null;
      }
    }
    return response;
  }
}
