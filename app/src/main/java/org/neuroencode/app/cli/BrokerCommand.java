package org.neuroencode.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.neuroencode.app.broker.EmbeddedKafkaBroker;
import org.neuroencode.core.config.KafkaSettings;
import org.neuroencode.core.topic.TopicAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "broker", mixinStandardHelpOptions = true,
    description = "Run the embedded single-node KRaft Kafka broker alone, for stages in other processes. Ctrl-C stops it cleanly.")
public final class BrokerCommand implements Callable<Integer> {
  @Option(names = "--port", description = "Client port (default: ${DEFAULT-VALUE}).", defaultValue = "9092")
  int port;

  @Option(names = "--data-dir", description = "Where the broker keeps its logs; topics survive restarts (default: ${DEFAULT-VALUE}).",
      defaultValue = "neuroencode-data/kafka")
  Path dataDir;

  @Override
  public Integer call() throws InterruptedException {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      broker.close();
      stopped.countDown();
    }, "broker-shutdown"));
    TopicAdmin.ensureTopics(KafkaSettings.of(broker.bootstrapServers()), (short) 1);
    System.out.println("broker ready at " + broker.bootstrapServers() + " (data in " + dataDir.toAbsolutePath() + "); Ctrl-C stops it");
    stopped.await();
    return 0;
  }
}
