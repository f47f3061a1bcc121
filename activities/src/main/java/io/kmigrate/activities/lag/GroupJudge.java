package io.kmigrate.activities.lag;

import io.kmigrate.workflows.contract.GroupState;
import io.kmigrate.workflows.contract.GroupStatus;
import io.kmigrate.workflows.contract.GroupVerdict;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.PartitionLag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges each group over the snapshots seen so far, the way LinkedIn's Burrow does: caught up
 * (no lag), progressing (commits move), stalled (members, commits frozen for stallAfter with
 * lag), stopped (no members, commits frozen for stallAfter with lag). Only the time of each
 * group's last commit movement is kept, so the memory is one entry per group.
 */
public final class GroupJudge {
  private final long stallAfterMs;
  private final Map<String, GroupMotion> motion = new HashMap<>();

  public GroupJudge(long stallAfterMs, List<GroupMotion> remembered) {
    this.stallAfterMs = stallAfterMs;
    remembered.forEach(m -> motion.put(m.group(), m));
  }

  public List<GroupVerdict> judge(LagSnapshot snapshot) {
    Map<String, Long> lag = new HashMap<>();
    Map<String, Long> committedSum = new HashMap<>();
    for (PartitionLag p : snapshot.partitions()) {
      lag.merge(p.group(), p.lag(), Long::sum);
      committedSum.merge(p.group(), p.committed(), Long::sum);
    }
    List<GroupVerdict> verdicts = new ArrayList<>();
    for (GroupState g : snapshot.groups()) {
      long sum = committedSum.getOrDefault(g.group(), 0L);
      GroupMotion before = motion.get(g.group());
      boolean moved = before == null || before.committedSum() != sum;
      GroupMotion now = moved ? new GroupMotion(g.group(), sum, snapshot.atMillis()) : before;
      motion.put(g.group(), now);
      long groupLag = lag.getOrDefault(g.group(), 0L);
      long frozenFor = snapshot.atMillis() - now.lastMoveAtMillis();
      verdicts.add(verdict(g, groupLag, before == null, frozenFor));
    }
    return verdicts;
  }

  private GroupVerdict verdict(GroupState g, long lag, boolean firstLook, long frozenFor) {
    if (lag == 0) {
      return new GroupVerdict(g.group(), GroupStatus.CAUGHT_UP, 0, "no lag");
    }
    if (firstLook) {
      return new GroupVerdict(g.group(), GroupStatus.UNKNOWN, lag, "first snapshot");
    }
    if (frozenFor < stallAfterMs) {
      return new GroupVerdict(g.group(), GroupStatus.PROGRESSING, lag, "commits moved " + frozenFor + " ms ago");
    }
    String why = "commits have not moved for " + frozenFor + " ms";
    return g.members() > 0
        ? new GroupVerdict(g.group(), GroupStatus.STALLED, lag, why + " with " + g.members() + " member(s)")
        : new GroupVerdict(g.group(), GroupStatus.STOPPED, lag, why + " and the group has no members");
  }

  public List<GroupMotion> memory() {
    return List.copyOf(motion.values());
  }
}
