package io.kmigrate.activities.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.workflows.contract.GroupMembership;
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
        List.of(new GroupMembership("g", members > 0 ? "STABLE" : "EMPTY", members)));
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

  @Test
  void oneStuckPartitionStallsTheGroupEvenWhileItsOtherPartitionsAdvance() {
    GroupJudge judge = new GroupJudge(STALL_AFTER, List.of());
    judge.judge(twoPartitions(0, 10, 50));
    judge.judge(twoPartitions(30_000, 10, 80));
    List<GroupVerdict> v = judge.judge(twoPartitions(61_000, 10, 120));

    assertThat(v).singleElement().satisfies(g -> {
      assertThat(g.status()).isEqualTo(GroupStatus.STALLED);
      assertThat(g.reason()).contains("t-0");
    });
  }

  /** Partition 0 stuck at {@code stuck}, partition 1 committed at {@code moving}; both with lag. */
  static LagSnapshot twoPartitions(long at, long stuck, long moving) {
    return new LagSnapshot("t", at,
        List.of(new PartitionLag("g", "t", 0, stuck, 0, 500, 500 - stuck), new PartitionLag("g", "t", 1, moving, 0, 500, 500 - moving)),
        List.of(new GroupMembership("g", "STABLE", 1)));
  }

  /** One partition whose last stable offset is {@code lastStable}: a transaction open from there to {@code end}. */
  static LagSnapshot withOpenTransaction(long at, long committed, long lastStable, long end, int members) {
    return new LagSnapshot("t", at, List.of(new PartitionLag("g", "t", 0, committed, 0, end, end - committed, lastStable)),
        List.of(new GroupMembership("g", members > 0 ? "STABLE" : "EMPTY", members)));
  }

  @Test
  void membersThatReadUpToTheLastStableOffsetWaitBehindAnOpenTransactionAndAreNotStalled() {
    GroupJudge judge = new GroupJudge(STALL_AFTER, List.of());
    judge.judge(withOpenTransaction(0, 90, 90, 100, 1));

    List<GroupVerdict> v = judge.judge(withOpenTransaction(61_000, 90, 90, 100, 1));

    assertThat(v).singleElement().satisfies(g -> {
      assertThat(g.status()).isEqualTo(GroupStatus.TRANSACTION_OPEN);
      assertThat(g.reason()).contains("t-0").contains("open transaction");
    });
    assertThat(judge.heldByTransaction()).containsOnlyKeys("g");
  }

  @Test
  void aGroupFrozenBelowTheLastStableOffsetIsStalledWhateverTransactionIsOpen() {
    GroupJudge judge = new GroupJudge(STALL_AFTER, List.of());
    judge.judge(withOpenTransaction(0, 80, 90, 100, 1));

    assertThat(status(judge, withOpenTransaction(61_000, 80, 90, 100, 1))).isEqualTo(GroupStatus.STALLED);
    assertThat(judge.heldByTransaction()).isEmpty();
  }

  @Test
  void aGroupWithoutMembersAtTheLastStableOffsetIsStopped() {
    GroupJudge judge = new GroupJudge(STALL_AFTER, List.of());
    judge.judge(withOpenTransaction(0, 90, 90, 100, 0));

    assertThat(status(judge, withOpenTransaction(61_000, 90, 90, 100, 0))).isEqualTo(GroupStatus.STOPPED);
  }
}
