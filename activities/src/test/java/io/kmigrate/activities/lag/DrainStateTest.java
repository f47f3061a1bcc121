package io.kmigrate.activities.lag;

import static io.kmigrate.activities.lag.GroupJudgeTest.STALL_AFTER;
import static io.kmigrate.activities.lag.GroupJudgeTest.snapshot;
import static io.kmigrate.activities.lag.GroupJudgeTest.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.workflows.contract.GroupStatus;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** A drain wait's memory across a spell in which the source could not be read. */
class DrainStateTest {
  /** The state after one poll at time 0: a group with lag whose commit is at 10, held stable since 0. */
  static DrainState seenAtZero() {
    GroupJudge judge = new GroupJudge(STALL_AFTER, java.util.List.of());
    status(judge, snapshot(0, 10, 100, 1));
    return new DrainState(judge.memory(), 100, 0, snapshot(0, 10, 100, 1));
  }

  @Test
  void aPollThatCannotReadTheClusterKeepsTheMemoryButForgetsStabilityAndSaysSinceWhenAndWhy() {
    DrainState away = seenAtZero().unobserved(5_000, new TimeoutException("timed out waiting for a node"));
    DrainState stillAway = away.unobserved(9_000, new TimeoutException("again"));

    assertThat(stillAway.unobservedSinceMillis()).isEqualTo(5_000);
    assertThat(stillAway.unobservedBecause()).contains("again");
    assertThat(stillAway.stableSinceMillis()).as("stability must be seen again").isEqualTo(-1);
    assertThat(stillAway.motion()).isEqualTo(seenAtZero().motion());
  }

  @Test
  void theConsumersGetAWholeStallAfterOnceTheClusterIsBack() {
    DrainState back = seenAtZero().unobserved(5_000, new TimeoutException("broker away"));

    GroupJudge judge = new GroupJudge(STALL_AFTER, back.motionAfter(70_000));

    assertThat(status(judge, snapshot(70_000, 10, 100, 1))).as("the outage froze the commit, not the group").isEqualTo(GroupStatus.PROGRESSING);
    assertThat(status(judge, snapshot(70_000 + STALL_AFTER, 10, 100, 1))).as("frozen a stallAfter after the return").isEqualTo(GroupStatus.STALLED);
  }

  @Test
  void withoutASpellTheMemoryIsJudgedAsItIs() {
    DrainState seen = seenAtZero();

    GroupJudge judge = new GroupJudge(STALL_AFTER, seen.motionAfter(70_000));

    assertThat(status(judge, snapshot(70_000, 10, 100, 1))).isEqualTo(GroupStatus.STALLED);
  }
}
