package io.kmigrate.clients;

import io.kmigrate.localstack.LocalTraffic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The shared server's two local clusters as routes, and what the tests read back from them with Kafka's own clients. */
final class Brokers {
  private Brokers() {}

  static Route source(long version) {
    return new Route("app", "source", SharedServer.stack().source().bootstrapServers(), version);
  }

  static Route target(long version) {
    return new Route("app", "target", SharedServer.stack().target().bootstrapServers(), version);
  }

  static Route stop(long version) {
    return new Route("app", "target", "", version);
  }

  /** {@code topic} with {@code partitions} partitions on both clusters, as kmigrate creates it on the target. */
  static void createOnBoth(String topic, int partitions) throws Exception {
    createOnBoth(topic, partitions, Map.of());
  }

  static void createOnBoth(String topic, int partitions, Map<String, String> configs) throws Exception {
    for (Route r : List.of(source(1), target(1))) {
      try (Admin admin = admin(r)) {
        LocalTraffic.createTopic(admin, topic, partitions, configs);
      }
    }
  }

  static Admin admin(Route cluster) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
  }

  static Map<String, Object> producerConfigs() {
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return c;
  }

  static Map<String, Object> consumerConfigs(String group) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return c;
  }

  /** Every committed record's value of {@code topic} on {@code cluster}, by key, in the order its partition holds them. */
  static Map<String, List<String>> valuesByKey(Route cluster, String topic) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    read(cluster, topic).forEach(r -> out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
    return out;
  }

  /** Each key's record timestamps on {@code cluster}, in the order its partition holds them. */
  static Map<String, List<Long>> timestampsByKey(Route cluster, String topic) {
    Map<String, List<Long>> out = new LinkedHashMap<>();
    read(cluster, topic).forEach(r -> out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.timestamp()));
    return out;
  }

  /** Every committed record of {@code topic} on {@code cluster}, partition by partition; fails if the end is not reached in 20 s. */
  static List<ConsumerRecord<String, String>> read(Route cluster, String topic) {
    Properties p = new Properties();
    p.putAll(consumerConfigs("unused"));
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(topic + " on " + cluster.cluster() + ": not read to its end " + end + " within 20 s");
        }
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /** The group's committed offsets on {@code cluster}, by partition number. */
  static Map<Integer, Long> committed(Route cluster, String group) throws Exception {
    try (Admin admin = admin(cluster)) {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      return offsets.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    }
  }

  /** Members of {@code group} on {@code cluster}. */
  static int members(Route cluster, String group) throws Exception {
    try (Admin admin = admin(cluster)) {
      return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
    }
  }
}
