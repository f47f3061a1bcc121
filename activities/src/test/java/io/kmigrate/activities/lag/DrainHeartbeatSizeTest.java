package io.kmigrate.activities.lag;

import static io.kmigrate.activities.lag.GroupJudgeTest.STALL_AFTER;
import static io.kmigrate.activities.lag.HeartbeatStateTest.CONVERTER;
import static io.kmigrate.activities.lag.HeartbeatStateTest.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.workflows.contract.GroupMembership;
import io.kmigrate.workflows.contract.GroupStatus;
import io.kmigrate.workflows.contract.GroupVerdict;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.PartitionLag;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A drain wait's heartbeat stays within Temporal's 2 MB payload limit for a big plan (200 groups x
 * 500 partitions), keeps its totals exact, and a wait resumed from it judges stalls afresh.
 */
class DrainHeartbeatSizeTest {
  static final long TEMPORAL_BLOB_LIMIT = 2L * 1024 * 1024;
  /** The one partition far behind all others: it must be among those the heartbeat lists. */
  static final PartitionLag WORST = new PartitionLag("group-7", "orders", 42, 100, 0, 1_000_100, 1_000_000);

  /** Every group on every partition of "orders", commits at 100, a lag of up to 999 (and {@link #WORST}). */
  static LagSnapshot plan(long at, int groups, int partitions) {
    List<PartitionLag> lags = new ArrayList<>();
    List<GroupMembership> states = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      for (int p = 0; p < partitions; p++) {
        long lag = (g * 31L + p) % 1000;
        PartitionLag row = new PartitionLag("group-" + g, "orders", p, 100, 0, 100 + lag, lag);
        lags.add(row.group().equals(WORST.group()) && p == WORST.partition() ? WORST : row);
      }
      states.add(new GroupMembership("group-" + g, "STABLE", 3));
    }
    return new LagSnapshot("2026-11-26T10:00:00Z", at, lags, states);
  }

  static DrainState polledAt(LagSnapshot snapshot) {
    GroupJudge judge = new GroupJudge(STALL_AFTER, List.of());
    judge.judge(snapshot);
    return new DrainState(judge.memory(), 12_345, -1, snapshot);
  }

  @Test
  void theHeartbeatOfHundredThousandGroupPartitionsIsUnder2MbWithExactTotalsAndTheWorstPartitions() {
    LagSnapshot full = plan(0, 200, 500);
    DrainState state = polledAt(full);

    DrainState details = state.heartbeatDetails();
    int bytes = CONVERTER.toPayloads(details).orElseThrow().getSerializedSize();
    DrainState resumed = roundTrip(details, DrainState.class);

    System.out.printf("drain heartbeat for 100,000 group-partitions: %,d bytes%n", bytes);
    assertThat(bytes).isLessThan((int) (TEMPORAL_BLOB_LIMIT / 10));
    assertThat(state.motion()).as("the attempt keeps every partition's motion").hasSize(100_000);
    assertThat(resumed.motion()).isEmpty();
    assertThat(resumed.motionOmitted()).isEqualTo(100_000);
    assertThat(resumed.endOffsetSum()).isEqualTo(12_345);
    LagSnapshot sent = resumed.last();
    assertThat(sent.partitions()).hasSize(LagSnapshot.SENT_PARTITIONS).first().isEqualTo(WORST);
    assertThat(sent.partitions()).allSatisfy(p -> assertThat(p.lag()).isGreaterThanOrEqualTo(990));
    assertThat(sent.totalLag()).isEqualTo(full.totalLag());
    assertThat(sent.partitionCount()).isEqualTo(100_000);
    assertThat(sent.groups()).isEqualTo(full.groups());
    assertThat(sent.groups().get(7).lag())
        .isEqualTo(full.partitions().stream().filter(p -> p.group().equals("group-7")).mapToLong(PartitionLag::lag).sum());
  }

  @Test
  void aSmallPlanHeartbeatsItsWholeMotion() {
    DrainState state = polledAt(plan(0, 10, DrainState.HEARTBEAT_MOTION / 10));

    assertThat(state.heartbeatDetails()).isSameAs(state);
    assertThat(roundTrip(state.heartbeatDetails(), DrainState.class).motion()).hasSize(DrainState.HEARTBEAT_MOTION);
  }

  @Test
  void aWaitResumedWithoutMotionStartsEveryStallClockAtItsFirstPoll() {
    DrainState beforeRestart = polledAt(plan(0, 20, 500));
    DrainState resumed = roundTrip(beforeRestart.heartbeatDetails(), DrainState.class);
    long back = 2 * STALL_AFTER;

    GroupJudge kept = new GroupJudge(STALL_AFTER, beforeRestart.motionAfter(back));
    GroupJudge fresh = new GroupJudge(STALL_AFTER, resumed.motionAfter(back));

    assertThat(statuses(kept, plan(back, 20, 500))).as("with its motion the wait sees the commits frozen since 0").containsOnly(GroupStatus.STALLED);
    assertThat(statuses(fresh, plan(back, 20, 500))).containsOnly(GroupStatus.UNKNOWN);
    assertThat(statuses(fresh, plan(back + STALL_AFTER - 1, 20, 500))).containsOnly(GroupStatus.PROGRESSING);
    assertThat(statuses(fresh, plan(back + STALL_AFTER, 20, 500))).as("a stall is noticed stallAfter after the restart")
        .containsOnly(GroupStatus.STALLED);
  }

  static List<GroupStatus> statuses(GroupJudge judge, LagSnapshot snapshot) {
    return judge.judge(snapshot).stream().map(GroupVerdict::status).toList();
  }
}
