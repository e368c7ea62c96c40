package org.neuroencode.app.cli;

import java.nio.file.Path;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.io.Npy;
import org.neuroencode.core.io.NpyArray;
import org.neuroencode.core.schema.DType;
import org.neuroencode.core.schema.Response;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.Stimulus;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.core.topic.Topics;
import org.neuroencode.extractor.stage.StimulusContent;
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
    subcommands = {IngestCommand.Synthetic.class, IngestCommand.StimulusFile.class, IngestCommand.SingleResponse.class})
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
    /** Below this a video travels inside the record; above, the record carries its path and sha256. */
    static final int INLINE_LIMIT = 900 * 1024;
    @Mixin KafkaOptions kafka;

    @Option(names = "--experiment", required = true) String experimentId;
    @Option(names = "--stimulus", required = true) String stimulusId;
    @Option(names = "--split", description = "train or test (default: ${DEFAULT-VALUE}).", defaultValue = "train") String split;
    @Option(names = "--file", required = true, description = "The video file.") Path file;

    @Override
    public Integer call() throws Exception {
      Ids.require("experiment id", experimentId);
      Ids.require("stimulus id", stimulusId);
      if (!java.nio.file.Files.isRegularFile(file)) {
        throw new IllegalArgumentException(file + ": no such file");
      }
      byte[] bytes = java.nio.file.Files.readAllBytes(file);
      boolean inline = bytes.length <= INLINE_LIMIT;
      Stimulus stimulus = Stimulus.newBuilder()
          .setExperimentId(experimentId).setStimulusId(stimulusId).setSplit(parseSplit(split))
          .setContent(inline ? java.nio.ByteBuffer.wrap(bytes) : null)
          .setUri(inline ? null : file.toAbsolutePath().toUri().toString())
          .setSha256(StimulusContent.sha256(bytes)).setSizeBytes(bytes.length)
          .setCreatedAtMs(System.currentTimeMillis()).build();
      try (RecordPublisher publisher = new RecordPublisher(kafka.settings(), "neuroencode-ingest-stimulus")) {
        publisher.send(Topics.STIMULI, Ids.stimulusKey(experimentId, stimulusId), stimulus);
        publisher.flush();
      }
      System.out.println("published stimulus " + experimentId + "/" + stimulusId + " (" + bytes.length + " bytes, "
          + (inline ? "inline" : "by claim check") + ")");
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

  static Split parseSplit(String split) {
    return switch (split.toLowerCase()) {
      case "train" -> Split.TRAIN;
      case "test" -> Split.TEST;
      default -> throw new IllegalArgumentException("--split must be train or test, not '" + split + "'");
    };
  }
}
