package org.neuroencode.app.broker;

import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.topic.TopicAdmin;

/** One embedded broker per test JVM, with the registry's topics, closed when the JVM exits. */
public final class SharedBroker {
  private static EmbeddedKafkaBroker broker;

  private SharedBroker() {}

  public static synchronized KafkaSettings kafka() {
    if (broker == null) {
      broker = EmbeddedKafkaBroker.startTemporary();
      TopicAdmin.ensureTopics(KafkaSettings.of(broker.bootstrapServers()), (short) 1);
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "shared-broker-shutdown"));
    }
    return KafkaSettings.of(broker.bootstrapServers());
  }
}
