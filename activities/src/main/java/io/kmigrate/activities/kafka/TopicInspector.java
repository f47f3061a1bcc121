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
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Reads topics' layout and configs with one batched call each. */
public final class TopicInspector {
  /**
   * The runbook's settings, copied with their effective value even when they come from the
   * source broker's defaults: a broker-wide min.insync.replicas=2 must not become the target's 1.
   */
  public static final Set<String> RUNBOOK_CONFIGS =
      Set.of("retention.ms", "retention.bytes", "min.insync.replicas", "flush.messages", "flush.ms", "cleanup.policy");

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
   * Waits up to {@code within} until the cluster describes every one of {@code topics}: a topic
   * just created may be unknown to the broker answering for a moment, until the metadata reaches
   * it. Returns whether they all were; calls {@code beat} between tries.
   */
  public boolean awaitDescribed(Collection<String> topics, Duration within, Runnable beat) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      try {
        describe(topics);
        return true;
      } catch (MissingTopicsException notYet) {
        if (System.nanoTime() > deadline) {
          return false;
        }
      }
      beat.run();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
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
