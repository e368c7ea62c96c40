package org.neuroencode.encoder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.neuroencode.core.schema.Experiment;
import org.neuroencode.core.schema.RoiSpec;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.schema.StimulusSpec;
import org.neuroencode.core.schema.SubjectSpec;
import org.neuroencode.core.topic.Topic;
import org.neuroencode.core.topic.Topics;

/** The whole encoder topology under TopologyTestDriver, with real RocksDB stores in a temporary directory. */
public final class EncoderTestDriver implements AutoCloseable {
  private final TopologyTestDriver driver;

  public EncoderTestDriver(EncoderSettings settings, Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "encoder-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(EncoderTopology.build(settings), props);
  }

  public TopologyTestDriver driver() {
    return driver;
  }

  /** Raw bytes in, as the encoder reads them, so tests can also send malformed records. */
  public TestInputTopic<String, byte[]> input(Topic<String, ?> topic) {
    return driver.createInputTopic(topic.name(), new StringSerializer(), new ByteArraySerializer());
  }

  public <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
    return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  public <V> void pipe(Topic<String, V> topic, String key, V value) {
    input(topic).pipeInput(key, topic.valueSerde().serializer().serialize(topic.name(), value));
  }

  /** Registers an experiment of one subject and ROI whose first `train` stimuli (named by stimulusId) are training. */
  public void registerExperiment(String experimentId, String subjectId, String roi, int voxels, List<String> stimulusIds,
      int train, int repetitions) {
    List<StimulusSpec> stimuli = new ArrayList<>();
    for (int s = 0; s < stimulusIds.size(); s++) {
      stimuli.add(new StimulusSpec(stimulusIds.get(s), s >= train ? Split.TEST : Split.TRAIN));
    }
    pipe(Topics.EXPERIMENTS, experimentId, Experiment.newBuilder()
        .setExperimentId(experimentId)
        .setSubjects(List.of(new SubjectSpec(subjectId, List.of(new RoiSpec(roi, voxels, null)))))
        .setStimuli(stimuli)
        .setTrainRepetitions(repetitions)
        .setTestRepetitions(repetitions)
        .setCreatedAtMs(0)
        .build());
  }

  @Override
  public void close() {
    driver.close();
  }
}
