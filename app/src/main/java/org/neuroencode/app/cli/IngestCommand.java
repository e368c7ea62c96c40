package org.neuroencode.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.schema.StimulusSpec;
import org.neuroencode.ingest.readers.NpzReader;
import org.neuroencode.ingest.readers.ResponseCubes;
import org.neuroencode.ingest.readers.nifti.NiftiEvents;
import org.neuroencode.ingest.readers.nifti.NiftiResponses;
import org.neuroencode.ingest.readers.nifti.RoiMask;
import org.neuroencode.ingest.readers.nifti.VolumeSeries;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.io.Npy;
import org.neuroencode.core.io.NpyArray;
import org.neuroencode.core.io.NpyRows;
import org.neuroencode.ingest.readers.DataRoot;
import org.neuroencode.ingest.stimuli.VideoFiles;
import org.neuroencode.core.schema.DType;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.Stimulus;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.ingest.publish.RecordPublisher;
import java.util.concurrent.Callable;
import org.neuroencode.core.topic.TopicAdmin;
import org.neuroencode.ingest.synthetic.SyntheticExperiment;
import org.neuroencode.ingest.synthetic.SyntheticPublisher;
import org.neuroencode.ingest.synthetic.TruthWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Publish experiments, stimuli and responses.",
    subcommands = {IngestCommand.Synthetic.class, IngestCommand.StimulusFile.class, IngestCommand.SingleResponse.class,
        IngestAlgonautsCommand.class, IngestBmdCommand.class, IngestCommand.NpyResponses.class,
        IngestCommand.NiftiResponsesCommand.class, IngestHdf5Command.class, IngestFeaturesCommand.class,
        TimeseriesCommand.class})
public final class IngestCommand {

  @Command(name = "synthetic", mixinStandardHelpOptions = true,
      description = "Generate a synthetic experiment with known ground truth (H.264 videos of moving gratings and blobs, "
          + "nine ROIs, 3 train and 10 test repetitions), publish it, and write the truth to --out.")
  static final class Synthetic implements Callable<Integer> {
    @Mixin KafkaOptions kafka;
    @Mixin SyntheticOptions synthetic;

    @Option(names = "--experiment", description = "Experiment id (default: ${DEFAULT-VALUE}).", defaultValue = "synthetic")
    String experimentId;

    @Option(names = "--out", description = "Where the ground truth is written (default: ${DEFAULT-VALUE}).",
        defaultValue = "neuroencode-out/truth")
    Path out;

    @Override
    public Integer call() throws Exception {
      TopicAdmin.ensureTopics(kafka.settings(), (short) 1);
      long started = System.nanoTime();
      SyntheticExperiment experiment = SyntheticExperiment.generate(synthetic.spec(experimentId), synthetic.threads);
      TruthWriter.write(experiment, out);
      SyntheticPublisher.Published published = SyntheticPublisher.publish(kafka.settings(), experiment);
      System.out.printf("published experiment %s: %d stimuli, %d responses in %.1f s; truth in %s%n", experimentId,
          published.stimuli(), published.responses(), (System.nanoTime() - started) / 1e9, out.toAbsolutePath());
      return 0;
    }
  }

  @Command(name = "stimulus", mixinStandardHelpOptions = true,
      description = "Publish one video file as a stimulus (inline when small, otherwise by claim check with its sha256).")
  static final class StimulusFile implements Callable<Integer> {
    @Mixin KafkaOptions kafka;

    @Option(names = "--experiment", required = true) String experimentId;
    @Option(names = "--stimulus", required = true) String stimulusId;
    @Option(names = "--split", description = "train or test (default: ${DEFAULT-VALUE}).", defaultValue = "train") String split;
    @Option(names = "--file", required = true, description = "The video file.") Path file;

    @Override
    public Integer call() throws Exception {
      Ids.require("experiment id", experimentId);
      Ids.require("stimulus id", stimulusId);
      Stimulus stimulus = VideoFiles.stimulus(experimentId, stimulusId, parseSplit(split), file);
      try (RecordPublisher publisher = new RecordPublisher(kafka.settings(), "neuroencode-ingest-stimulus")) {
        publisher.send(Topics.STIMULI, Ids.stimulusKey(experimentId, stimulusId), stimulus);
        publisher.flush();
      }
      System.out.println("published stimulus " + experimentId + "/" + stimulusId + " (" + stimulus.getSizeBytes() + " bytes, "
          + (stimulus.getContent() != null ? "inline" : "by claim check") + ")");
      return 0;
    }
  }

  @Command(name = "response", mixinStandardHelpOptions = true,
      description = "Publish one response (one repetition of one stimulus for one subject and ROI), from values or a 1-D NPY file.")
  static final class SingleResponse implements Callable<Integer> {
    @Mixin KafkaOptions kafka;

    @Option(names = "--experiment", required = true) String experimentId;
    @Option(names = "--subject", required = true) String subjectId;
    @Option(names = "--stimulus", required = true) String stimulusId;
    @Option(names = "--roi", required = true) String roi;
    @Option(names = "--repetition", required = true) int repetition;
    @Option(names = "--values", split = ",", description = "Voxel values, comma-separated.") double[] values;
    @Option(names = "--npy", description = "A 1-D float32 or float64 NPY file of voxel values.") Path npy;

    @Override
    public Integer call() throws Exception {
      if ((values == null) == (npy == null)) {
        throw new IllegalArgumentException("give exactly one of --values and --npy");
      }
      org.neuroencode.core.schema.Tensor tensor;
      if (npy != null) {
        NpyArray array = Npy.read(npy);
        if (array.shape().length != 1) {
          throw new IllegalArgumentException(npy + ": expected a 1-D array of voxels, got shape "
              + java.util.Arrays.toString(array.shape()));
        }
        tensor = Tensors.vector(array.values(), array.dtype().equals("float64") ? DType.FLOAT64 : DType.FLOAT32);
      } else {
        tensor = Tensors.ofDoubles(values, values.length);
      }
      Response response = Response.newBuilder()
          .setExperimentId(experimentId).setSubjectId(subjectId).setStimulusId(stimulusId).setRoi(roi)
          .setRepetition(repetition).setValues(tensor).setSource(npy == null ? "cli" : npy.toString())
          .setAcquiredAtMs(System.currentTimeMillis()).build();
      try (RecordPublisher publisher = new RecordPublisher(kafka.settings(), "neuroencode-ingest-response")) {
        publisher.send(Topics.RESPONSES, Ids.stimulusKey(experimentId, stimulusId), response);
        publisher.flush();
      }
      System.out.println("published response " + String.join("/", experimentId, subjectId, stimulusId, roi)
          + " rep " + repetition + " (" + tensor.getShape().get(0) + " voxels)");
      return 0;
    }
  }

  @Command(name = "npy", mixinStandardHelpOptions = true,
      description = "Register and publish one subject's responses from an NPY array (stimuli, repetitions, voxels) of one "
          + "ROI, or an NPZ whose members are ROIs named by member; row i is the i-th id of --stimuli.")
  static final class NpyResponses implements Callable<Integer> {
    @Mixin KafkaOptions kafka;
    @Mixin DataRootOption root;

    @Option(names = "--responses", required = true, description = "An .npy or .npz file.") Path responses;
    @Option(names = "--stimuli", required = true, description = "Stimulus ids, one a line, in row order.") Path stimuliFile;
    @Option(names = "--test-stimuli", description = "Ids (among --stimuli) of the test split; the rest are train.") Path testFile;
    @Option(names = "--roi", description = "The ROI of an .npy (required), or the one NPZ member to publish.") String roi;
    @Option(names = "--subject", required = true) String subjectId;
    @Option(names = "--experiment", required = true) String experimentId;

    @Override
    public Integer call() throws Exception {
      Ids.require("experiment id", experimentId);
      Ids.require("subject id", subjectId);
      DataRoot dataRoot = root.dataRoot();
      dataRoot.confine(responses);
      List<String> ids = readIds(dataRoot.confine(stimuliFile));
      Set<String> test = testFile == null ? Set.of() : new HashSet<>(readIds(dataRoot.confine(testFile)));
      if (!ids.containsAll(test)) {
        throw new IOException(testFile + ": lists ids that are not in " + stimuliFile);
      }
      List<StimulusSpec> stimuli = new ArrayList<>();
      for (String id : ids) {
        stimuli.add(new StimulusSpec(id, test.contains(id) ? Split.TEST : Split.TRAIN));
      }
      boolean npz = responses.getFileName().toString().endsWith(".npz");
      if (!npz && roi == null) {
        throw new IllegalArgumentException("--roi is required with an .npy file");
      }
      long sent = 0;
      int rois;
      if (npz) {
        Map<String, NpyArray> cubes = npzCubes();
        Experiment experiment = experiment(ids, stimuli, test, cubes.entrySet().stream()
            .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue().shape()), Map::putAll));
        try (RecordPublisher publisher = publisher(experiment)) {
          for (Map.Entry<String, NpyArray> cube : cubes.entrySet()) {
            sent += send(publisher, ResponseCubes.responses(experimentId, subjectId, cube.getKey(), cube.getValue(), ids,
                responses.getFileName().toString()));
          }
          publisher.flush();
        }
        rois = cubes.size();
      } else {
        // an .npy streams one stimulus (all its repetitions) at a time, so it may be larger than the heap
        try (NpyRows rows = NpyRows.open(responses)) {
          Experiment experiment = experiment(ids, stimuli, test, Map.of(roi, rows.shape()));
          int repetitions = rows.shape()[1];
          DType dtype = ResponseCubes.dtype(rows.dtype());
          try (RecordPublisher publisher = publisher(experiment)) {
            for (String id : ids) {
              sent += send(publisher, ResponseCubes.stimulusResponses(experimentId, subjectId, roi, id, rows.next(),
                  repetitions, dtype, responses.getFileName().toString()));
            }
            publisher.flush();
          }
        }
        rois = 1;
      }
      System.out.printf("published experiment %s: subject %s, %d ROIs, %d stimuli (%d test), %d responses%n", experimentId,
          subjectId, rois, ids.size(), test.size(), sent);
      return 0;
    }

    /** Checks every ROI's shape (stimuli, repetitions, voxels) against the ids, then builds the registry entry. */
    private Experiment experiment(List<String> ids, List<StimulusSpec> stimuli, Set<String> test,
        Map<String, int[]> shapes) throws IOException {
      Map<String, Integer> voxels = new LinkedHashMap<>();
      int repetitions = -1;
      for (Map.Entry<String, int[]> shape : shapes.entrySet()) {
        Ids.require("ROI name", shape.getKey());
        ResponseCubes.requireShape(shape.getValue(), ids.size(), responses + " (" + shape.getKey() + ")");
        if (repetitions >= 0 && shape.getValue()[1] != repetitions) {
          throw new IOException(responses + ": ROIs differ in their number of repetitions");
        }
        repetitions = shape.getValue()[1];
        voxels.put(shape.getKey(), shape.getValue()[2]);
      }
      return ResponseCubes.experiment(experimentId, "responses from " + responses, Map.of(subjectId, voxels), stimuli,
          repetitions, test.isEmpty() ? 0 : repetitions, Map.of("source", responses.toString()));
    }

    private RecordPublisher publisher(Experiment experiment) {
      TopicAdmin.ensureTopics(kafka.settings(), (short) 1);
      return register(kafka, "neuroencode-ingest-npy", experiment);
    }

    private Map<String, NpyArray> npzCubes() throws IOException {
      Map<String, NpyArray> members = NpzReader.read(responses);
      if (roi == null) {
        return members;
      }
      if (!members.containsKey(roi)) {
        throw new IOException(responses + ": no member " + roi + " (members: " + members.keySet() + ")");
      }
      return Map.of(roi, members.get(roi));
    }
  }

  @Command(name = "nifti", mixinStandardHelpOptions = true,
      description = {"Register and publish one subject's responses from NIfTI-1/-2 files (.nii or .nii.gz, either byte "
          + "order; uint8, int16, int32, float32 or float64, scaled by scl_slope/scl_inter as nibabel does), read one "
          + "3-D volume at a time so runs larger than memory stream.",
          "Layout: --bold is one 4-D file (x, y, z, volumes), or --volumes a folder of 3-D .nii/.nii.gz files taken in "
          + "file-name order; volume i is row i of --events, a tab-separated table with a header and the columns "
          + "stimulus, repetition (0-based) and optionally split (train/test, default train).",
          "ROIs: --labels, an integer label volume, with --label-names, lines 'value<TAB>name' (labels it does not "
          + "name, 0 among them, are left out); or --mask NAME=FILE once per ROI, nonzero voxels being in. Masks must "
          + "have the data's x, y, z shape. An ROI's voxels are in C order of (x, y, z) (z fastest), as numpy's "
          + "data[mask] on a nibabel array.",
          "float64 data is published as float64, everything else as float32 after scaling."})
  static final class NiftiResponsesCommand implements Callable<Integer> {
    @Mixin KafkaOptions kafka;
    @Mixin DataRootOption root;

    @Option(names = "--bold", description = "One 4-D NIfTI file, one volume per row of --events.") Path bold;
    @Option(names = "--volumes", description = "A folder of 3-D NIfTI files, one per row of --events.") Path volumes;
    @Option(names = "--events", required = true, description = "TSV: stimulus, repetition[, split].") Path eventsFile;
    @Mixin RoiMaskOptions roiOptions;
    @Option(names = "--subject", required = true) String subjectId;
    @Option(names = "--experiment", required = true) String experimentId;

    @Override
    public Integer call() throws Exception {
      Ids.require("experiment id", experimentId);
      Ids.require("subject id", subjectId);
      if ((bold == null) == (volumes == null)) {
        throw new IllegalArgumentException("give exactly one of --bold and --volumes");
      }
      confine(root.dataRoot(), bold, volumes, eventsFile, roiOptions.labels, roiOptions.labelNames);
      confine(root.dataRoot(), roiOptions.masks.values().toArray(Path[]::new));
      List<RoiMask> rois = roiOptions.read();
      Map<String, Path> maskFiles = roiOptions.files(rois);
      NiftiEvents events =
          NiftiEvents.read(eventsFile);
      try (VolumeSeries series = bold != null
          ? VolumeSeries.ofFile(bold)
          : VolumeSeries.ofFolder(volumes)) {
        NiftiResponses.check(series, events, rois, maskFiles);
        Experiment experiment = NiftiResponses.experiment(experimentId, subjectId,
            rois, events, series.source().toString());
        TopicAdmin.ensureTopics(kafka.settings(), (short) 1);
        long sent;
        try (RecordPublisher publisher = register(kafka, "neuroencode-ingest-nifti", experiment)) {
          sent = NiftiResponses.publish(series, events, rois, experimentId,
              subjectId, response -> send(publisher, List.of(response)));
          publisher.flush();
        }
        System.out.printf("published experiment %s: subject %s, %d ROIs, %d volumes, %d responses%n", experimentId,
            subjectId, rois.size(), series.count(), sent);
      }
      return 0;
    }
  }

  /** Refuses any of the files (null ones skipped), or any entry of a folder among them, outside the data root. */
  static void confine(DataRoot dataRoot, Path... paths) throws IOException {
    for (Path path : paths) {
      if (path == null) {
        continue;
      }
      dataRoot.confine(path);
      if (Files.isDirectory(path)) {
        try (java.util.stream.Stream<Path> entries = Files.list(path)) {
          for (Path entry : entries.toList()) {
            dataRoot.confine(entry);
          }
        }
      }
    }
  }

  /** Opens a publisher and registers the experiment first, so no response arrives before its registry entry. */
  static RecordPublisher register(KafkaOptions kafka, String clientId, Experiment experiment) {
    RecordPublisher publisher = new RecordPublisher(kafka.settings(), clientId);
    try {
      publisher.send(Topics.EXPERIMENTS, experiment.getExperimentId(), experiment);
      publisher.flush();
      return publisher;
    } catch (RuntimeException e) {
      publisher.close();
      throw e;
    }
  }

  static long send(RecordPublisher publisher, List<Response> responses) {
    for (Response response : responses) {
      publisher.send(Topics.RESPONSES, Ids.stimulusKey(response.getExperimentId(), response.getStimulusId()), response);
    }
    return responses.size();
  }

  static List<String> readIds(Path file) throws IOException {
    List<String> ids = Files.readAllLines(file).stream().map(String::trim).filter(line -> !line.isEmpty()).toList();
    if (new HashSet<>(ids).size() != ids.size()) {
      throw new IOException(file + ": duplicate stimulus ids");
    }
    for (String id : ids) {
      Ids.require("stimulus id in " + file, id);
    }
    return ids;
  }

  static Split parseSplit(String split) {
    return switch (split.toLowerCase()) {
      case "train" -> Split.TRAIN;
      case "test" -> Split.TEST;
      default -> throw new IllegalArgumentException("--split must be train or test, not '" + split + "'");
    };
  }
}
