package io.kmigrate.workflows.contract;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All plan groups x partitions at one instant, read with batched Admin calls. What goes through
 * Temporal (heartbeats, results, the progress query) is {@link #bounded}: the worst partitions
 * only, with {@code omittedPartitions} and {@code omittedLag} for the rest, so totals and each
 * group's lag stay exact while the payload stays small whatever the plan's size.
 */
public record LagSnapshot(
    String at, long atMillis, List<PartitionLag> partitions, List<GroupMembership> groups, int omittedPartitions, long omittedLag) {
  /**
   * How many partitions a snapshot sent through Temporal keeps: 100,000 group-partitions are
   * 22 MB as JSON, 10x Temporal's 2 MB payload limit; 200 are about 40 KB.
   */
  public static final int SENT_PARTITIONS = 200;

  public LagSnapshot {
    partitions = List.copyOf(partitions);
    groups = List.copyOf(groups);
  }

  /** A full snapshot: every partition, and each group's lag summed from them. */
  public LagSnapshot(String at, long atMillis, List<PartitionLag> partitions, List<GroupMembership> groups) {
    this(at, atMillis, partitions, withLag(groups, partitions), 0, 0);
  }

  public long totalLag() {
    return partitions.stream().mapToLong(PartitionLag::lag).sum() + omittedLag;
  }

  /** Group-partitions read, kept or not. */
  public int partitionCount() {
    return partitions.size() + omittedPartitions;
  }

  /** This snapshot with at most {@code max} partitions: the most lagging ones, worst first (ties in snapshot order). */
  public LagSnapshot bounded(int max) {
    if (partitions.size() <= max) {
      return this;
    }
    List<PartitionLag> worst = partitions.stream().sorted(Comparator.comparingLong(PartitionLag::lag).reversed()).limit(max).toList();
    long keptLag = worst.stream().mapToLong(PartitionLag::lag).sum();
    return new LagSnapshot(at, atMillis, worst, groups, partitionCount() - worst.size(), totalLag() - keptLag);
  }

  /** {@code snapshot} as sent through Temporal: bounded to {@link #SENT_PARTITIONS}; null stays null. */
  public static LagSnapshot sent(LagSnapshot snapshot) {
    return snapshot == null ? null : snapshot.bounded(SENT_PARTITIONS);
  }

  private static List<GroupMembership> withLag(List<GroupMembership> groups, List<PartitionLag> partitions) {
    Map<String, Long> lag = new HashMap<>();
    partitions.forEach(p -> lag.merge(p.group(), p.lag(), Long::sum));
    return groups.stream().map(g -> new GroupMembership(g.group(), g.state(), g.members(), lag.getOrDefault(g.group(), 0L))).toList();
  }
}
