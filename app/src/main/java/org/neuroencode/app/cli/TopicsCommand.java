package org.neuroencode.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.neuroencode.app.kafka.TopicPartitions;
import org.apache.kafka.common.header.Header;
import org.neuroencode.core.json.RecordJson;
import org.neuroencode.core.topic.AvroSerde;
import org.neuroencode.core.topic.Topic;
import org.neuroencode.core.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "topics", mixinStandardHelpOptions = true, description = "The topic registry, and a decoder for any topic.",
    subcommands = {TopicsCommand.ListTopics.class, TopicsCommand.Schema.class, TopicsCommand.Tail.class})
public final class TopicsCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the registry's topics with their key formats and settings.")
  static final class ListTopics implements Callable<Integer> {
    @Override
    public Integer call() {
      for (Topic<String, ?> topic : Topics.all()) {
        System.out.printf("%-14s key=%-45s partitions=%d %s%n", topic.name(), topic.keyFormat(), topic.partitions(),
            topic.configs());
      }
      return 0;
    }
  }

  @Command(name = "schema", mixinStandardHelpOptions = true,
      description = "Print a topic's value schema as self-contained Avro JSON, for clients in other languages.")
  static final class Schema implements Callable<Integer> {
    @Parameters(index = "0", description = "Topic name, one of the registry's (see 'topics list').")
    String topicName;

    @Override
    public Integer call() {
      System.out.println(((AvroSerde<?>) topic(topicName).valueSerde()).schema().toString(true));
      return 0;
    }
  }

  static Topic<String, ?> topic(String name) {
    return Topics.byName(name).orElseThrow(() -> new IllegalArgumentException(
        "unknown topic '" + name + "'; known: " + Topics.all().stream().map(Topic::name).toList()));
  }

  @Command(name = "tail", mixinStandardHelpOptions = true,
      description = "Print a topic's records as JSON lines: key, partition, offset, headers and the decoded value.")
  static final class Tail implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    @Mixin KafkaOptions kafka;

    @Parameters(index = "0", description = "Topic name, one of the registry's (see 'topics list').")
    String topicName;

    @Option(names = "--from-beginning", description = "Start at the earliest offset instead of the end.")
    boolean fromBeginning;

    @Option(names = "--max-records", description = "Stop after this many records.")
    long maxRecords = Long.MAX_VALUE;

    @Option(names = "--idle-timeout-ms", description = "Stop when no record arrives for this long (default: follow until Ctrl-C).")
    long idleTimeoutMs = -1;

    @Override
    public Integer call() {
      Topic<String, ?> topic = topic(topicName);
      AvroSerde<?> serde = (AvroSerde<?>) topic.valueSerde();
      AtomicBoolean stopping = new AtomicBoolean();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopping.set(true)));
      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.settings().consumer(null))) {
        TopicPartitions.assignAll(consumer, topic.name(), kafka.settings().bootstrapServers(), fromBeginning);
        long printed = 0;
        long lastRecordAt = System.currentTimeMillis();
        PrintStream out = System.out;
        while (!stopping.get() && printed < maxRecords) {
          var records = consumer.poll(Duration.ofMillis(200));
          for (ConsumerRecord<byte[], byte[]> record : records) {
            out.println(line(record, serde));
            lastRecordAt = System.currentTimeMillis();
            if (++printed >= maxRecords) {
              break;
            }
          }
          out.flush();
          if (idleTimeoutMs >= 0 && System.currentTimeMillis() - lastRecordAt > idleTimeoutMs) {
            break;
          }
        }
      }
      return 0;
    }

    private static String line(ConsumerRecord<byte[], byte[]> record, AvroSerde<?> serde) {
      ObjectNode node = JSON.createObjectNode();
      node.put("topic", record.topic());
      node.put("partition", record.partition());
      node.put("offset", record.offset());
      node.put("timestamp", record.timestamp());
      node.put("key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
      if (record.headers().toArray().length > 0) {
        ObjectNode headers = node.putObject("headers");
        for (Header header : record.headers()) {
          headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
      }
      if (record.value() == null) {
        node.putNull("value");
      } else {
        try {
          node.set("value", RecordJson.toNode((SpecificRecordBase) serde.decode(record.value())));
        } catch (RuntimeException undecodable) {
          node.put("error", undecodable.getMessage());
        }
      }
      return node.toString();
    }
  }
}
