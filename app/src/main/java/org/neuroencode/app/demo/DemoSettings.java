package org.neuroencode.app.demo;

import java.nio.file.Path;
import java.time.Duration;
import org.neuroencode.encoder.EncoderSettings;
import org.neuroencode.ingest.synthetic.SyntheticSpec;

/**
 * A demo run.
 *
 * @param bootstrapServers an external cluster, or null for the embedded broker
 * @param brokerDataDir where the embedded broker keeps its topics, or null for a temporary directory
 * @param extraModels catalogue ids extracted besides motion energy (e.g. a built-in image network, so that the
 *     ablation's modality split has both modalities)
 */
public record DemoSettings(
    SyntheticSpec synthetic,
    EncoderSettings encoder,
    Path out,
    String bootstrapServers,
    Path brokerDataDir,
    int threads,
    Duration timeout,
    java.util.List<String> extraModels) {

  public DemoSettings {
    extraModels = java.util.List.copyOf(extraModels);
  }

  /** Motion energy alone. */
  public DemoSettings(SyntheticSpec synthetic, EncoderSettings encoder, Path out, String bootstrapServers,
      Path brokerDataDir, int threads, Duration timeout) {
    this(synthetic, encoder, out, bootstrapServers, brokerDataDir, threads, timeout, java.util.List.of());
  }
}
