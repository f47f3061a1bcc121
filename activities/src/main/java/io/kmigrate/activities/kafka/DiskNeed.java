package io.kmigrate.activities.kafka;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the topics need on the target's disks: each topic's bytes per replica on the source (its
 * stored bytes, all replicas counted, over its replication factor) times the replication factor
 * it has on the target. Going from 1 to 3 replicas needs 3x what the source stores.
 */
public record DiskNeed(Map<String, Long> storedBytes, Map<String, Integer> sourceReplicas, Map<String, Integer> targetReplicas) {
  public DiskNeed {
    storedBytes = new TreeMap<>(storedBytes);
    sourceReplicas = Map.copyOf(sourceReplicas);
    targetReplicas = Map.copyOf(targetReplicas);
  }

  /** Bytes the target needs for {@code topic}. */
  public long bytes(String topic) {
    int from = Math.max(1, sourceReplicas.getOrDefault(topic, 1));
    int to = targetReplicas.getOrDefault(topic, from);
    return storedBytes.getOrDefault(topic, 0L) / from * to;
  }

  public long bytes() {
    return storedBytes.keySet().stream().mapToLong(this::bytes).sum();
  }

  /** The problem, with the figures, when the target reports less usable space than needed; none when it does not report it (-1). */
  public Optional<String> shortfall(String target, long usableBytes) {
    long needed = bytes();
    if (usableBytes < 0 || usableBytes >= needed) {
      return Optional.empty();
    }
    String each = storedBytes.keySet().stream()
        .map(t -> t + " " + storedBytes.get(t) + " B on source x RF " + targetReplicas.getOrDefault(t, sourceReplicas.getOrDefault(t, 1))
            + " / RF " + sourceReplicas.getOrDefault(t, 1) + " = " + bytes(t) + " B")
        .collect(Collectors.joining(", "));
    return Optional.of("target " + target + " reports " + usableBytes + " usable bytes, the topics need " + needed + " (" + each + ")");
  }
}
