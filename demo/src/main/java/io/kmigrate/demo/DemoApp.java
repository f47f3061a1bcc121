package io.kmigrate.demo;

import io.kmigrate.activities.kafka.TopicInspector;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The names of one sample application the demo moves: its topic, consumer group and clients
 * (production-later adds the consumer started on the target), and the plan that moves it.
 */
public record DemoApp(String topic, String group, String producer, String consumer, String newConsumer) {
  /** The demo's waits: short, so a migration of a small app takes about a minute. */
  public static final String DEMO_WAITS = "{pollInterval: 500ms, stableFor: 3s, maxWait: 2m, stallAfter: 30s}";

  /**
   * The plan moving this app under {@code scheme}; {@code strategy} gives each client's
   * repointing, e.g. {@code strategy: routing}.
   */
  public String plan(String id, String scheme, Function<String, String> strategy, boolean mirror) {
    return plan(id, scheme, strategy, mirror, DEMO_WAITS);
  }

  /** As above, with the plan's {@code waits} in YAML flow style, e.g. {@link #DEMO_WAITS}. */
  public String plan(String id, String scheme, Function<String, String> strategy, boolean mirror, String waits) {
    String clients = "production-later".equals(scheme)
        ? "  - {name: " + newConsumer + ", role: consumer, " + strategy.apply(newConsumer) + ", consumerGroup: " + group + ", replaces: " + consumer + "}\n"
            + "gates:\n  producer-cutover: {required: true}\n  stop-old-consumers: {required: true}"
        : "gates:\n  producer-cutover: {required: true}\n  consumer-cutover: {required: true}"
            + (mirror ? "\nmirror: {enabled: true}" : "");
    return String.join("\n",
        "name: " + id,
        "scheme: " + scheme,
        "source: source",
        "target: target",
        "topics: [" + topic + "]",
        "consumerGroups: [" + group + "]",
        "clients:",
        "  - {name: " + producer + ", role: producer, " + strategy.apply(producer) + "}",
        "  - {name: " + consumer + ", role: consumer, " + strategy.apply(consumer) + ", consumerGroup: " + group + "}",
        clients,
        "waits: " + waits,
        "");
  }

  /** Commits offset 0 on every partition for the group: it has read none of the history yet. */
  public void commitAtLogStart(Admin admin) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
    for (var p : admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()) {
      start.put(new TopicPartition(topic, p.partition()), new OffsetAndMetadata(0));
    }
    admin.alterConsumerGroupOffsets(group, start).all().get();
  }

  /** Creates the topic on {@code admin}'s cluster with non-default retention and flush settings, unless it exists. */
  public void createTopic(Admin admin, int partitions) throws Exception {
    if (admin.listTopics().names().get().contains(topic)) {
      return;
    }
    Map<String, String> configs = Map.of(
        "retention.ms", "86400000", "retention.bytes", "1073741824", "min.insync.replicas", "1",
        "flush.messages", "100000", "flush.ms", "60000", "cleanup.policy", "delete");
    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs))).all().get();
    new TopicInspector(admin).awaitServed(List.of(topic), Duration.ofSeconds(30), () -> { });
  }
}
