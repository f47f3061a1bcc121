package io.kmigrate.activities.lag;

import io.kmigrate.workflows.contract.GroupMembership;
import io.kmigrate.workflows.contract.GroupStatus;
import io.kmigrate.workflows.contract.GroupVerdict;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.PartitionLag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Judges each group over the snapshots seen so far, the way LinkedIn's Burrow does, partition by
 * partition: caught up (no lag anywhere), progressing (every lagging partition's commit moved
 * within stallAfter), stalled (a lagging partition's commit frozen for stallAfter while the group
 * has members), stopped (the same with no members). A group is as bad as its worst partition, so
 * one stuck partition is not hidden by the others moving. A group with members whose frozen
 * partitions have all read up to their last stable offset is not stalled: an open transaction
 * holds it ({@link GroupStatus#TRANSACTION_OPEN}, the partitions in {@link #heldByTransaction}).
 * The memory is the time each partition's commit last moved.
 */
public final class GroupJudge {
  private final long stallAfterMs;
  private final Map<String, PartitionMotion> motion = new HashMap<>();
  private final Map<String, List<TopicPartition>> held = new HashMap<>();

  public GroupJudge(long stallAfterMs, List<PartitionMotion> remembered) {
    this.stallAfterMs = stallAfterMs;
    remembered.forEach(m -> motion.put(m.key(), m));
  }

  public List<GroupVerdict> judge(LagSnapshot snapshot) {
    Map<String, Long> lag = new HashMap<>();
    Map<String, Boolean> seenBefore = new HashMap<>();
    Map<String, PartitionLag> worst = new HashMap<>();
    Map<String, Long> frozenFor = new HashMap<>();
    Map<String, Boolean> allFrozenHeld = new HashMap<>();
    held.clear();
    for (PartitionLag p : snapshot.partitions()) {
      String key = PartitionMotion.key(p.group(), p.topic(), p.partition());
      PartitionMotion before = motion.get(key);
      boolean moved = before == null || before.committed() != p.committed();
      PartitionMotion now = moved ? new PartitionMotion(p.group(), p.topic(), p.partition(), p.committed(), snapshot.atMillis()) : before;
      motion.put(key, now);
      lag.merge(p.group(), p.lag(), Long::sum);
      seenBefore.merge(p.group(), before != null, Boolean::logicalOr);
      long frozen = snapshot.atMillis() - now.lastMoveAtMillis();
      if (p.lag() > 0 && frozen > frozenFor.getOrDefault(p.group(), -1L)) {
        frozenFor.put(p.group(), frozen);
        worst.put(p.group(), p);
      }
      if (p.lag() > 0 && frozen >= stallAfterMs) {
        allFrozenHeld.merge(p.group(), p.heldByOpenTransaction(), Boolean::logicalAnd);
        if (p.heldByOpenTransaction()) {
          held.computeIfAbsent(p.group(), g -> new ArrayList<>()).add(new TopicPartition(p.topic(), p.partition()));
        }
      }
    }
    List<GroupVerdict> verdicts = new ArrayList<>();
    for (GroupMembership g : snapshot.groups()) {
      GroupVerdict v = verdict(g, lag.getOrDefault(g.group(), 0L), seenBefore.getOrDefault(g.group(), false),
          frozenFor.getOrDefault(g.group(), 0L), worst.get(g.group()));
      if (v.status() == GroupStatus.STALLED && allFrozenHeld.getOrDefault(g.group(), false)) {
        v = new GroupVerdict(g.group(), GroupStatus.TRANSACTION_OPEN, v.lag(), partitions(held.get(g.group()))
            + " read up to the last stable offset: an open transaction holds the rest; the group has " + g.members() + " member(s)");
      } else {
        held.remove(g.group());
      }
      verdicts.add(v);
    }
    return verdicts;
  }

  /** The partitions of each TRANSACTION_OPEN group of the last judgement that an open transaction holds. */
  public Map<String, List<TopicPartition>> heldByTransaction() {
    return Map.copyOf(held);
  }

  private static String partitions(List<TopicPartition> tps) {
    return tps.stream().map(tp -> tp.topic() + "-" + tp.partition()).sorted().reduce((a, b) -> a + ", " + b).orElse("");
  }

  private GroupVerdict verdict(GroupMembership g, long lag, boolean seenBefore, long frozenFor, PartitionLag worst) {
    if (lag == 0) {
      return new GroupVerdict(g.group(), GroupStatus.CAUGHT_UP, 0, "no lag");
    }
    if (!seenBefore) {
      return new GroupVerdict(g.group(), GroupStatus.UNKNOWN, lag, "first snapshot");
    }
    if (frozenFor < stallAfterMs) {
      return new GroupVerdict(g.group(), GroupStatus.PROGRESSING, lag, "every lagging partition committed within " + stallAfterMs + " ms");
    }
    String why = worst.topic() + "-" + worst.partition() + " has lag " + worst.lag() + " and its commit has not moved for " + frozenFor + " ms";
    return g.members() > 0
        ? new GroupVerdict(g.group(), GroupStatus.STALLED, lag, why + "; the group has " + g.members() + " member(s)")
        : new GroupVerdict(g.group(), GroupStatus.STOPPED, lag, why + "; the group has no members");
  }

  public List<PartitionMotion> memory() {
    return List.copyOf(motion.values());
  }
}
