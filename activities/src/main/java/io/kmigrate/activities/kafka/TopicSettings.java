package io.kmigrate.activities.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A topic as the target must reproduce it: partitions, replication factor and the configs set
 * explicitly on the source (retention, min.insync.replicas, flushing, cleanup policy, ...).
 */
public record TopicSettings(String name, int partitions, short replicationFactor, Map<String, String> configs) {
  public TopicSettings {
    configs = Map.copyOf(configs);
  }

  /** What differs on {@code actual}, one readable line per setting; empty when they match. */
  public List<String> differencesFrom(TopicSettings actual) {
    List<String> diff = new ArrayList<>();
    if (partitions != actual.partitions) {
      diff.add(name + ": partitions source=" + partitions + " target=" + actual.partitions);
    }
    if (replicationFactor != actual.replicationFactor) {
      diff.add(name + ": replication.factor source=" + replicationFactor + " target=" + actual.replicationFactor);
    }
    new TreeMap<>(configs)
        .forEach(
            (key, value) -> {
              String other = actual.configs.get(key);
              if (!value.equals(other)) {
                diff.add(name + ": " + key + " source=" + value + " target=" + other);
              }
            });
    return diff;
  }
}
