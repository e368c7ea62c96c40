package org.neuroencode.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.StimulusSpec;
import org.neuroencode.core.topic.TopicAdmin;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.ingest.features.FeatureRecords;
import org.neuroencode.ingest.publish.RecordPublisher;
import org.neuroencode.ingest.readers.DataRoot;
import org.neuroencode.ingest.readers.ResponseCubes;
import org.neuroencode.ingest.readers.hdf5.SampleArray;
import org.neuroencode.ingest.readers.hdf5.VoxelwiseFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "hdf5", mixinStandardHelpOptions = true,
    description = {"Register and publish HDF5 files in the voxelwise_tutorials layout, read a slab of samples at a time "
        + "so files larger than the heap stream: responses Y_train (samples, voxels) and Y_test (samples, voxels) or "
        + "(repetitions, samples, voxels), every repetition kept; features X_train and X_test (samples, features...) "
        + "as precomputed features of --model/--layer. float32 stays float32 and float64 float64.",
        "Samples have no names in this layout: their stimulus ids are train00000, train00001, ... and test00000, ... "
        + "Other datasets (run_onsets, mappers) are left alone."})
final class IngestHdf5Command implements Callable<Integer> {
  @Mixin KafkaOptions kafka;
  @Mixin DataRootOption root;

  @Option(names = "--path", required = true, description = "An HDF5 file; repeat for a responses file and a features file.")
  List<Path> paths;
  @Option(names = "--experiment", required = true) String experimentId;
  @Option(names = "--subject", description = "The subject of the responses (required with Y_* arrays).") String subjectId;
  @Option(names = "--roi", description = "The ROI the responses' voxels form (default: ${DEFAULT-VALUE}).", defaultValue = "all")
  String roi;
  @Option(names = "--model", description = "The model of the X_* features (default: the file name without extension).")
  String model;
  @Option(names = "--layer", description = "The layer of the X_* features (default: ${DEFAULT-VALUE}).", defaultValue = "X")
  String layer;

  @Override
  public Integer call() throws Exception {
    Ids.require("experiment id", experimentId);
    Ids.require("ROI name", roi);
    Ids.require("layer", layer);
    DataRoot dataRoot = root.dataRoot();
    List<VoxelwiseFile> files = new ArrayList<>();
    try {
      for (Path path : paths) {
        files.add(VoxelwiseFile.open(path, dataRoot));
      }
      return publish(files);
    } finally {
      files.forEach(VoxelwiseFile::close);
    }
  }

  private int publish(List<VoxelwiseFile> files) throws IOException {
    Map<Split, SampleArray> responses = new LinkedHashMap<>();
    Map<VoxelwiseFile, Map<Split, SampleArray>> features = new LinkedHashMap<>();
    Map<Split, Integer> samples = new LinkedHashMap<>();
    for (VoxelwiseFile file : files) {
      for (Split split : Split.values()) {
        SampleArray y = file.responses(split);
        if (y != null) {
          if (responses.containsKey(split)) {
            throw new IOException(file.path() + ": a second Y_" + split.name().toLowerCase() + " (the first is "
                + responses.get(split).name() + ")");
          }
          responses.put(split, y);
          requireSamples(samples, split, y);
        }
        SampleArray x = file.features(split);
        if (x != null) {
          features.computeIfAbsent(file, f -> new LinkedHashMap<>()).put(split, x);
          requireSamples(samples, split, x);
        }
      }
    }
    if (responses.isEmpty() && features.isEmpty()) {
      throw new IOException(paths + ": no Y_train, Y_test, X_train or X_test dataset");
    }
    if (model != null && features.size() > 1) {
      throw new IllegalArgumentException("--model names one features file, but " + features.size() + " files hold X_*");
    }
    Map<Split, List<String>> ids = new LinkedHashMap<>();
    List<StimulusSpec> stimuli = new ArrayList<>();
    for (Map.Entry<Split, Integer> split : samples.entrySet()) {
      List<String> splitIds = new ArrayList<>();
      for (int i = 0; i < split.getValue(); i++) {
        String id = String.format("%s%05d", split.getKey().name().toLowerCase(), i);
        splitIds.add(id);
        stimuli.add(new StimulusSpec(id, split.getKey()));
      }
      ids.put(split.getKey(), splitIds);
    }
    TopicAdmin.ensureTopics(kafka.settings(), (short) 1);
    long sentResponses = 0;
    long sentFeatures = 0;
    try (RecordPublisher publisher = responses.isEmpty()
        ? new RecordPublisher(kafka.settings(), "neuroencode-ingest-hdf5")
        : IngestCommand.register(kafka, "neuroencode-ingest-hdf5", experiment(responses, stimuli))) {
      for (Map.Entry<Split, SampleArray> y : responses.entrySet()) {
        SampleArray array = y.getValue();
        for (int i = 0; i < array.samples(); i++) {
          sentResponses += IngestCommand.send(publisher, ResponseCubes.stimulusResponses(experimentId, subjectId, roi,
              ids.get(y.getKey()).get(i), array.sample(i), array.repetitions(), ResponseCubes.dtype(array.dtype()),
              array.name()));
        }
      }
      for (Map.Entry<VoxelwiseFile, Map<Split, SampleArray>> file : features.entrySet()) {
        String modelId = Ids.require("model id", model != null ? model : stem(file.getKey().path()));
        for (Map.Entry<Split, SampleArray> x : file.getValue().entrySet()) {
          SampleArray array = x.getValue();
          for (int i = 0; i < array.samples(); i++) {
            String id = ids.get(x.getKey()).get(i);
            publisher.send(Topics.FEATURES, Ids.stimulusKey(experimentId, id), FeatureRecords.of(experimentId, id, modelId,
                layer, array.sample(i), ResponseCubes.dtype(array.dtype()), Map.of("source", array.name())));
            sentFeatures++;
          }
        }
      }
      publisher.flush();
    }
    System.out.printf("published experiment %s: %d stimuli, %d responses, %d feature vectors%n", experimentId,
        stimuli.size(), sentResponses, sentFeatures);
    return 0;
  }

  private Experiment experiment(Map<Split, SampleArray> responses, List<StimulusSpec> stimuli) throws IOException {
    if (subjectId == null) {
      throw new IllegalArgumentException("--subject is required with responses (Y_*)");
    }
    Ids.require("subject id", subjectId);
    SampleArray train = responses.get(Split.TRAIN);
    SampleArray test = responses.get(Split.TEST);
    if (train != null && test != null && train.width() != test.width()) {
      throw new IOException(test.name() + ": " + test.width() + " voxels but " + train.name() + " has " + train.width());
    }
    int voxels = (train != null ? train : test).width();
    return ResponseCubes.experiment(experimentId, "HDF5 responses from " + paths, Map.of(subjectId, Map.of(roi, voxels)),
        stimuli, train == null ? 0 : train.repetitions(), test == null ? 0 : test.repetitions(),
        Map.of("source", paths.toString(), "layout", "voxelwise_tutorials"));
  }

  private static void requireSamples(Map<Split, Integer> samples, Split split, SampleArray array) throws IOException {
    Integer known = samples.putIfAbsent(split, array.samples());
    if (known != null && known != array.samples()) {
      throw new IOException(array.name() + ": " + array.samples() + " samples, but the other " + split.name().toLowerCase()
          + " arrays have " + known);
    }
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
