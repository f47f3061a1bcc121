package io.kmigrate.bench.lag;

import io.kmigrate.workflows.contract.LagSnapshot;
import java.util.Comparator;
import java.util.List;

/** One group's lag on one partition: what both sides of the benchmark must agree on. */
public record LagRow(String group, String topic, int partition, long lag) implements Comparable<LagRow> {
  private static final Comparator<LagRow> BY_KEY =
      Comparator.comparing(LagRow::group).thenComparing(LagRow::topic).thenComparingInt(LagRow::partition);

  /** Orders by group, topic, partition: the lag is not part of the key. */
  @Override
  public int compareTo(LagRow other) {
    return BY_KEY.compare(this, other);
  }

  /** kmigrate's snapshot as rows, sorted. */
  public static List<LagRow> of(LagSnapshot snapshot) {
    return snapshot.partitions().stream()
        .map(p -> new LagRow(p.group(), p.topic(), p.partition(), p.lag()))
        .sorted()
        .toList();
  }

  @Override
  public String toString() {
    return group + " " + topic + "-" + partition + " lag " + lag;
  }
}
