package org.neuroencode.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.io.NpyRows;
import org.neuroencode.core.schema.DType;
import org.neuroencode.core.topic.TopicAdmin;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.ingest.features.FeatureCatalogue;
import org.neuroencode.ingest.features.FeatureRecords;
import org.neuroencode.ingest.publish.RecordPublisher;
import org.neuroencode.ingest.readers.DataRoot;
import org.neuroencode.ingest.readers.ResponseCubes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "features", mixinStandardHelpOptions = true,
    description = {"Publish features computed elsewhere (a Python pipeline, say) to the features topic: row i of --npy, "
        + "(stimuli, features...) float32 or float64, is the feature vector of the i-th id of --stimuli, flattened in C "
        + "order and kept in its dtype. The file is read one row at a time, so it may be larger than the heap.",
        "The catalogue attributes go into each record's attributes, under the keys the built-in extractors use."})
final class IngestFeaturesCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;
  @Mixin DataRootOption root;

  @Option(names = "--experiment", required = true) String experimentId;
  @Option(names = "--model", required = true, description = "The model id.") String model;
  @Option(names = "--layer", required = true, description = "The layer name.") String layer;
  @Option(names = "--npy", required = true, description = "The features, (stimuli, features...).") Path npy;
  @Option(names = "--stimuli", required = true, description = "Stimulus ids, one a line, in row order.") Path stimuliFile;
  @Option(names = "--modality", description = "image or video.") String modality;
  @Option(names = "--arch", description = "conv or transformer.") String arch;
  @Option(names = "--multiscale", description = "The architecture is multiscale.") Boolean multiscale;
  @Option(names = "--supervision", description = "How the model was trained, e.g. supervised, self-supervised, none.")
  String supervision;
  @Option(names = "--streams", description = "single or two.") String streams;
  @Option(names = "--pretraining", description = "The pretraining data set, e.g. kinetics400, imagenet1k.") String pretraining;
  @Option(names = "--untrained", description = "The weights are random (an untrained control).") Boolean untrained;

  @Override
  public Integer call() throws Exception {
    Ids.require("experiment id", experimentId);
    Ids.require("model id", model);
    Ids.require("layer", layer);
    FeatureCatalogue catalogue = new FeatureCatalogue(modality, arch, multiscale, supervision, streams, pretraining, untrained);
    DataRoot dataRoot = root.dataRoot();
    List<String> ids = IngestCommand.readIds(dataRoot.confine(stimuliFile));
    Map<String, String> attributes = new LinkedHashMap<>(catalogue.attributes());
    attributes.put("source", npy.getFileName().toString());
    long sent = 0;
    try (NpyRows rows = NpyRows.open(dataRoot.confine(npy))) {
      if (rows.shape().length < 2 || rows.rows() != ids.size()) {
        throw new IOException(npy + ": expected shape (" + ids.size() + " stimuli, features...), found "
            + java.util.Arrays.toString(rows.shape()));
      }
      DType dtype = ResponseCubes.dtype(rows.dtype());
      TopicAdmin.ensureTopics(kafka.settings(), (short) 1);
      try (RecordPublisher publisher = new RecordPublisher(kafka.settings(), "neuroencode-ingest-features")) {
        for (String id : ids) {
          publisher.send(Topics.FEATURES, Ids.stimulusKey(experimentId, id),
              FeatureRecords.of(experimentId, id, model, layer, rows.next(), dtype, attributes));
          sent++;
        }
        publisher.flush();
      }
      System.out.printf("published %d feature vectors of %s/%s (%d values each, %s) for experiment %s%n", sent, model,
          layer, rows.rowLength(), rows.dtype(), experimentId);
    }
    return 0;
  }
}
