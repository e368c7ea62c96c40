package org.neuroencode.app.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.neuroencode.core.topic.Topics;

/**
 * A single-node KRaft broker and controller in this JVM. With a data directory it keeps its topics
 * and its ports across restarts (the controller's address is part of the formatted quorum state);
 * without one it lives in a temporary directory that is deleted on close.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final String SETTINGS_FILE = "neuroencode-broker.properties";
  private final Path dataDir;
  private final boolean temporary;
  private final int port;
  private final KafkaRaftServer server;

  private EmbeddedKafkaBroker(Path dataDir, boolean temporary, int port, KafkaRaftServer server) {
    this.dataDir = dataDir;
    this.temporary = temporary;
    this.port = port;
    this.server = server;
  }

  /** Starts a broker in a fresh temporary directory on free ports. */
  public static EmbeddedKafkaBroker startTemporary() {
    try {
      return start(Files.createTempDirectory("neuroencode-kafka"), 0, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts (or restarts) a broker whose logs live in dataDir; port 0 picks a free one (or the saved one). */
  public static EmbeddedKafkaBroker start(Path dataDir, int port) {
    return start(dataDir, port, false);
  }

  private static EmbeddedKafkaBroker start(Path dataDir, int requestedPort, boolean temporary) {
    try {
      Files.createDirectories(dataDir);
      Properties saved = loadSaved(dataDir);
      int port = requestedPort != 0 ? requestedPort
          : Integer.parseInt(saved.getProperty("port", String.valueOf(freePort())));
      String savedControllerPort = saved.getProperty("controller.port");
      int controllerPort = savedControllerPort != null ? Integer.parseInt(savedControllerPort) : freePortOtherThan(port);
      Properties props = serverProperties(dataDir, port, controllerPort);
      Path configFile = dataDir.resolve("server.properties");
      try (var out = Files.newOutputStream(configFile)) {
        props.store(out, "written by neuroencode; regenerated at every start");
      }
      if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
        format(configFile);
      }
      Properties toSave = new Properties();
      toSave.setProperty("port", String.valueOf(port));
      toSave.setProperty("controller.port", String.valueOf(controllerPort));
      try (var out = Files.newOutputStream(dataDir.resolve(SETTINGS_FILE))) {
        toSave.store(out, "ports of the embedded broker, reused on restart");
      }
      KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
      server.startup();
      return new EmbeddedKafkaBroker(dataDir, temporary, port, server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare broker data directory " + dataDir, e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    if (temporary) {
      deleteRecursively(dataDir);
    }
  }

  private static Properties serverProperties(Path dataDir, int port, int controllerPort) {
    Properties props = new Properties();
    props.setProperty("process.roles", "broker,controller");
    props.setProperty("node.id", "1");
    props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    props.setProperty("controller.listener.names", "CONTROLLER");
    props.setProperty("inter.broker.listener.name", "PLAINTEXT");
    props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
    props.setProperty("log.dirs", dataDir.resolve("logs").toString());
    props.setProperty("offsets.topic.replication.factor", "1");
    props.setProperty("offsets.topic.num.partitions", "4");
    props.setProperty("transaction.state.log.replication.factor", "1");
    props.setProperty("transaction.state.log.min.isr", "1");
    props.setProperty("transaction.state.log.num.partitions", "4");
    props.setProperty("share.coordinator.state.topic.replication.factor", "1");
    props.setProperty("share.coordinator.state.topic.min.isr", "1");
    props.setProperty("group.initial.rebalance.delay.ms", "0");
    props.setProperty("num.partitions", String.valueOf(Topics.DEFAULT_PARTITIONS));
    props.setProperty("auto.create.topics.enable", "false");
    // Kept equal to the topics' max.message.bytes so that large model snapshots and changelogs fit.
    props.setProperty("message.max.bytes", String.valueOf(Topics.LARGE_MESSAGE_BYTES));
    props.setProperty("replica.fetch.max.bytes", String.valueOf(Topics.LARGE_MESSAGE_BYTES));
    props.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(32L * 1024 * 1024));
    return props;
  }

  private static void format(Path configFile) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      status = StorageTool.execute(new String[] {
          "format", "--config", configFile.toString(), "--cluster-id", Uuid.randomUuid().toString(), "--standalone"},
          out);
    }
    if (status != 0) {
      throw new IllegalStateException("formatting the broker's storage failed: " + output.toString(StandardCharsets.UTF_8));
    }
  }

  private static Properties loadSaved(Path dataDir) throws IOException {
    Properties saved = new Properties();
    Path file = dataDir.resolve(SETTINGS_FILE);
    if (Files.exists(file)) {
      try (var in = Files.newInputStream(file)) {
        saved.load(in);
      }
    }
    return saved;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  /** A free port other than {@code taken}: the system can hand out a port it has just handed out and seen closed. */
  private static int freePortOtherThan(int taken) throws IOException {
    int port = freePort();
    while (port == taken) {
      port = freePort();
    }
    return port;
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temporary directory is harmless
    }
  }
}
