package org.neuroencode.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.neuroencode.core.config.KafkaSettings;
import picocli.CommandLine.Option;

/** The options every stage takes to reach a Kafka cluster. */
public final class KafkaOptions {
  public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).",
      defaultValue = DEFAULT_BOOTSTRAP)
  String bootstrapServers = DEFAULT_BOOTSTRAP;

  @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
      description = "Extra Kafka client property, passed through (security settings, for example). Repeatable.")
  Map<String, String> extra = new LinkedHashMap<>();

  public KafkaSettings settings() {
    return new KafkaSettings(bootstrapServers, extra);
  }
}
