package org.neuroencode.core.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.neuroencode.core.topic.Topics;

/**
 * Client settings shared by every stage. Extra properties (security, tuning) pass through unchanged,
 * so a stage runs against any cluster.
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> extra) {

  public KafkaSettings {
    extra = Map.copyOf(extra);
  }

  public static KafkaSettings of(String bootstrapServers) {
    return new KafkaSettings(bootstrapServers, Map.of());
  }

  /** Idempotent, acks=all producer of raw bytes; records up to the registry's large-message size. */
  public Properties producer(String clientId) {
    Properties props = base();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(Topics.LARGE_MESSAGE_BYTES));
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.putAll(extra);
    return props;
  }

  /** A consumer of raw bytes that reads only committed transactional data. */
  public Properties consumer(String groupId) {
    Properties props = base();
    if (groupId != null) {
      props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(Topics.LARGE_MESSAGE_BYTES));
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(2 * Topics.LARGE_MESSAGE_BYTES));
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.putAll(extra);
    return props;
  }

  public Map<String, Object> admin() {
    Map<String, Object> props = new HashMap<>();
    base().forEach((k, v) -> props.put((String) k, v));
    props.putAll(extra);
    return props;
  }

  private Properties base() {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrapServers);
    return props;
  }
}
