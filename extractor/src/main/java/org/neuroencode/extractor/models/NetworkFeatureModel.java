package org.neuroencode.extractor.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuroencode.extractor.FeatureModel;
import org.neuroencode.extractor.catalogue.ModelEntry;
import org.neuroencode.extractor.network.ClipBatch;
import org.neuroencode.extractor.network.LayerBatch;
import org.neuroencode.extractor.network.NetworkLoader;
import org.neuroencode.extractor.network.PredictorPool;
import org.neuroencode.extractor.network.RuntimeSettings;
import org.neuroencode.extractor.network.TappedNetwork;
import org.neuroencode.extractor.preprocess.ClipPreprocessor;
import org.neuroencode.extractor.preprocess.ClipTensor;
import org.neuroencode.extractor.reduction.FeatureReduction;
import org.neuroencode.extractor.video.VideoDecodeException;

/**
 * A catalogue network as a feature model: decode and preprocess each video, run the clips in batches
 * through the calling thread's predictor, and reduce every tapped layer to a vector.
 */
public final class NetworkFeatureModel implements FeatureModel {
  private final ModelEntry entry;
  private final TappedNetwork network;
  private final PredictorPool predictors;
  private final ClipPreprocessor preprocessor;
  private final FeatureReduction reduction;
  private final int batchSize;
  private final Map<String, String> attributes;

  private NetworkFeatureModel(ModelEntry entry, TappedNetwork network, FeatureReduction reduction, int batchSize) {
    this.entry = entry;
    this.network = network;
    this.predictors = new PredictorPool(network);
    this.preprocessor = new ClipPreprocessor(entry.input());
    this.reduction = reduction;
    this.batchSize = batchSize;
    Map<String, String> all = new LinkedHashMap<>(entry.attributes());
    all.put("reduction", reduction.describe());
    this.attributes = Map.copyOf(all);
  }

  /** Loads and warms up the network (see {@link NetworkLoader}); fails naming a missing layer. */
  public static NetworkFeatureModel load(ModelEntry entry, RuntimeSettings settings, FeatureReduction reduction) {
    return new NetworkFeatureModel(entry, NetworkLoader.load(entry, settings), reduction, settings.batchSize());
  }

  @Override
  public String id() {
    return entry.id();
  }

  @Override
  public List<String> layers() {
    return entry.layers();
  }

  @Override
  public Map<String, String> attributes() {
    return attributes;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public Map<String, double[]> extract(byte[] video) throws VideoDecodeException {
    Extraction result = extractAll(List.of(video)).get(0);
    if (!result.succeeded()) {
      throw new VideoDecodeException(result.failure());
    }
    return result.layers();
  }

  @Override
  public List<Extraction> extractAll(List<byte[]> videos) {
    Extraction[] results = new Extraction[videos.size()];
    List<Integer> pending = new ArrayList<>();
    List<List<ClipTensor>> clips = new ArrayList<>();
    for (int i = 0; i < videos.size(); i++) {
      try {
        clips.add(preprocessor.prepare(videos.get(i)));
        pending.add(i);
      } catch (VideoDecodeException | RuntimeException e) {
        results[i] = Extraction.failed("model " + entry.id() + ": " + e.getMessage());
      }
    }
    for (int from = 0; from < clips.size(); from += batchSize) {
      int to = Math.min(clips.size(), from + batchSize);
      try {
        LayerBatch outputs = predictors.run(new ClipBatch(clips.subList(from, to)));
        for (int clip = 0; clip < to - from; clip++) {
          results[pending.get(from + clip)] = Extraction.of(reduce(outputs, clip));
        }
      } catch (RuntimeException batchFailed) {
        // one failed batch says nothing of which clip is at fault: each clip is retried alone, and only a clip
        // that fails alone becomes a dead letter
        for (int clip = from; clip < to; clip++) {
          try {
            LayerBatch alone = predictors.run(new ClipBatch(clips.subList(clip, clip + 1)));
            results[pending.get(clip)] = Extraction.of(reduce(alone, 0));
          } catch (RuntimeException e) {
            results[pending.get(clip)] = Extraction.failed("model " + entry.id() + ": " + e.getMessage());
          }
        }
      }
    }
    return List.of(results);
  }

  private Map<String, double[]> reduce(LayerBatch outputs, int clip) {
    Map<String, double[]> layers = new LinkedHashMap<>();
    for (String layer : entry.layers()) {
      layers.put(layer, reduction.reduce(outputs.activation(layer, clip)));
    }
    return layers;
  }

  /** Predictors made so far, one per thread that ran a batch. */
  public int predictors() {
    return predictors.predictors();
  }

  @Override
  public void close() {
    predictors.close();
    network.close();
  }
}
