package io.kmigrate.activities.kafka;

import static io.kmigrate.activities.kafka.KafkaCalls.get;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Reads topics' layout and configs with one batched call each. */
public final class TopicInspector {
  /**
   * The runbook's settings, copied with their effective value even when they come from the
   * source broker's defaults: a broker-wide min.insync.replicas=2 must not become the target's 1.
   */
  public static final Set<String> RUNBOOK_CONFIGS =
      Set.of("retention.ms", "retention.bytes", "min.insync.replicas", "flush.messages", "flush.ms", "cleanup.policy");

  /** One try of {@link #awaitServed}: the admin retries a leader that does not serve yet within it. */
  private static final int SERVED_ATTEMPT_MS = 2_000;

  private final Admin admin;

  public TopicInspector(Admin admin) {
    this.admin = admin;
  }

  public Set<String> existing() {
    return get(admin.listTopics().names());
  }

  /** Throws naming every topic the cluster does not have. */
  public Map<String, TopicDescription> describe(Collection<String> topics) {
    Map<String, TopicDescription> out = new HashMap<>();
    List<String> missing = new ArrayList<>();
    admin.describeTopics(topics).topicNameValues().forEach((topic, future) -> {
      try {
        out.put(topic, get(future));
      } catch (UnknownTopicOrPartitionException e) {
        missing.add(topic);
      }
    });
    if (!missing.isEmpty()) {
      throw new MissingTopicsException(missing.stream().sorted().toList());
    }
    return out;
  }

  /**
   * Waits up to {@code within} until every partition of {@code topics} is served by its leader: the
   * cluster describes it and its leader answers a ListOffsets for it. A created topic reaches a
   * broker's metadata a moment before the broker opens its partitions, and an idempotent producer
   * whose first request lands in that moment can lose a batch: refused as not the leader, overtaken
   * by its next batch, then refused as out of order until delivery.timeout.ms expires it
   * (KAFKA-15591, fixed in Kafka 4.5 brokers). Calls {@code beat} between tries; throws if they
   * were not all served in time.
   */
  public void awaitServed(Collection<String> topics, Duration within, Runnable beat) {
    if (topics.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      try {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions(topics).forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        get(admin.listOffsets(latest, new ListOffsetsOptions().timeoutMs(Math.min(SERVED_ATTEMPT_MS, left))).all());
        return;
      } catch (MissingTopicsException | RetriableException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("topics " + topics + " were not served by their leaders within " + within + ": " + notYet.getMessage(), notYet);
        }
      }
      beat.run();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for topics " + topics + " to be served", e);
      }
    }
  }

  /** Every partition of {@code topics}; a topic missing on the cluster throws. */
  public List<TopicPartition> partitions(Collection<String> topics) {
    return describe(topics).values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .sorted((a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition()) : a.topic().compareTo(b.topic()))
        .toList();
  }

  /**
   * Settings of existing topics. {@code toCopy} keeps what the target must reproduce: the configs
   * set on the topic itself plus the runbook's settings; otherwise every effective value (what the
   * target has).
   */
  public Map<String, TopicSettings> settings(Collection<String> topics, boolean toCopy) {
    Map<String, TopicDescription> descriptions = describe(topics);
    List<ConfigResource> resources =
        topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
    Map<ConfigResource, Config> configs = get(admin.describeConfigs(resources).all());
    Map<String, TopicSettings> out = new HashMap<>();
    for (String topic : topics) {
      TopicDescription d = descriptions.get(topic);
      Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic));
      Map<String, String> values =
          config.entries().stream()
              .filter(e -> e.value() != null && !e.isSensitive())
              .filter(e -> !toCopy || e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG || RUNBOOK_CONFIGS.contains(e.name()))
              .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
      out.put(topic, new TopicSettings(topic, d.partitions().size(), (short) d.partitions().get(0).replicas().size(), values));
    }
    return out;
  }
}
