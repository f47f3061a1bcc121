package io.kmigrate.workflows.contract;

import java.util.List;

/** All plan groups x partitions at one instant, read with batched Admin calls. */
public record LagSnapshot(String at, long atMillis, List<PartitionLag> partitions, List<GroupState> groups) {
  public LagSnapshot {
    partitions = List.copyOf(partitions);
    groups = List.copyOf(groups);
  }

  public long totalLag() {
    return partitions.stream().mapToLong(PartitionLag::lag).sum();
  }
}
