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
 */
public record DemoSettings(
    SyntheticSpec synthetic,
    EncoderSettings encoder,
    Path out,
    String bootstrapServers,
    Path brokerDataDir,
    int threads,
    Duration timeout) {}
