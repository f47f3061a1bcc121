package io.kmigrate.workflows.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A snapshot sent through Temporal lists only its worst partitions; its totals stay exact. */
class LagSnapshotTest {
  static PartitionLag lag(String group, int partition, long lag) {
    return new PartitionLag(group, "orders", partition, 100, 0, 100 + lag, lag);
  }

  static final LagSnapshot FULL = new LagSnapshot("t", 1, List.of(lag("a", 0, 5), lag("a", 1, 70), lag("b", 0, 0), lag("b", 1, 30)),
      List.of(new GroupMembership("a", "STABLE", 1), new GroupMembership("b", "EMPTY", 0)));

  @Test
  void aFullSnapshotSumsEachGroupsLagFromItsPartitions() {
    assertThat(FULL.groups()).extracting(GroupMembership::lag).containsExactly(75L, 30L);
    assertThat(FULL.totalLag()).isEqualTo(105);
    assertThat(FULL.partitionCount()).isEqualTo(4);
  }

  @Test
  void boundedKeepsTheWorstPartitionsAndCountsTheOthers() {
    LagSnapshot bounded = FULL.bounded(2);

    assertThat(bounded.partitions()).containsExactly(lag("a", 1, 70), lag("b", 1, 30));
    assertThat(bounded.omittedPartitions()).isEqualTo(2);
    assertThat(bounded.omittedLag()).isEqualTo(5);
    assertThat(bounded.totalLag()).isEqualTo(FULL.totalLag());
    assertThat(bounded.partitionCount()).isEqualTo(4);
    assertThat(bounded.groups()).as("each group's lag is over all its partitions").isEqualTo(FULL.groups());
    assertThat(bounded.bounded(2)).as("bounding again changes nothing").isEqualTo(bounded);
  }

  @Test
  void aSnapshotWithinTheBoundIsSentAsItIs() {
    assertThat(LagSnapshot.sent(FULL)).isSameAs(FULL);
    assertThat(LagSnapshot.sent(null)).isNull();
  }
}
