package io.kmigrate.activities.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.workflows.contract.GroupState;
import io.kmigrate.workflows.contract.GroupStatus;
import io.kmigrate.workflows.contract.GroupVerdict;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.PartitionLag;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Burrow-style verdicts over successive snapshots of one group on one partition. */
class GroupJudgeTest {
  static final long STALL_AFTER = 60_000;

  static LagSnapshot snapshot(long at, long committed, long end, int members) {
    return new LagSnapshot("t", at, List.of(new PartitionLag("g", "t", 0, committed, 0, end, end - committed)),
        List.of(new GroupState("g", members > 0 ? "STABLE" : "EMPTY", members)));
  }

  static GroupStatus status(GroupJudge judge, LagSnapshot s) {
    List<GroupVerdict> v = judge.judge(s);
    return v.get(0).status();
  }

  @Test
  void noLagIsCaughtUpFromTheFirstLook() {
    assertThat(status(new GroupJudge(STALL_AFTER, List.of()), snapshot(0, 100, 100, 1))).isEqualTo(GroupStatus.CAUGHT_UP);
  }

  @Test
  void lagWithMovingCommitsIsProgressing() {
    GroupJudge judge = new GroupJudge(STALL_AFTER, List.of());
    assertThat(status(judge, snapshot(0, 10, 100, 1))).isEqualTo(GroupStatus.UNKNOWN);
    assertThat(status(judge, snapshot(30_000, 50, 120, 1))).isEqualTo(GroupStatus.PROGRESSING);
    assertThat(status(judge, snapshot(90_000, 90, 130, 1))).isEqualTo(GroupStatus.PROGRESSING);
  }

  @Test
  void frozenCommitsWithMembersAndLagAreStalledOnlyAfterStallAfter() {
    GroupJudge judge = new GroupJudge(STALL_AFTER, List.of());
    status(judge, snapshot(0, 10, 100, 2));
    assertThat(status(judge, snapshot(59_000, 10, 100, 2))).isEqualTo(GroupStatus.PROGRESSING);
    assertThat(status(judge, snapshot(60_000, 10, 100, 2))).isEqualTo(GroupStatus.STALLED);
  }

  @Test
  void frozenCommitsWithoutMembersAreStopped() {
    GroupJudge judge = new GroupJudge(STALL_AFTER, List.of());
    status(judge, snapshot(0, 10, 100, 0));
    assertThat(status(judge, snapshot(61_000, 10, 100, 0))).isEqualTo(GroupStatus.STOPPED);
  }

  @Test
  void aRetriedWaitRemembersWhenCommitsLastMoved() {
    GroupJudge first = new GroupJudge(STALL_AFTER, List.of());
    status(first, snapshot(0, 10, 100, 1));
    GroupJudge resumed = new GroupJudge(STALL_AFTER, first.memory());
    assertThat(status(resumed, snapshot(70_000, 10, 100, 1))).isEqualTo(GroupStatus.STALLED);
  }
}
