package io.kmigrate.activities.lag;

import io.kmigrate.workflows.contract.DrainEta;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.PartitionLag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A drain's rates from two polls: per group, what its commits advanced (consumed) and what the
 * end offsets of its partitions advanced (produced), per second, smoothed with the previous
 * rates. Kept in the drain's heartbeat, so a retried attempt goes on from them.
 *
 * @param groups per group: its offsets at the last poll and its smoothed rates
 * @param atMillis when the last poll read them; -1 before the first
 */
public record DrainRates(List<GroupRates> groups, long atMillis) {
  /** One group at a poll: the sums of its commits and of its partitions' end offsets, its lag, and its rates so far (-1: none yet). */
  public record GroupRates(String group, long committedSum, long endSum, long lag, double consumePerSec, double producePerSec) {}

  /** A rate not known yet: a group seen in one poll only. */
  static final double NONE = -1;

  public DrainRates {
    groups = List.copyOf(groups);
  }

  public static DrainRates none() {
    return new DrainRates(List.of(), -1);
  }

  /** These rates moved on by a poll's full snapshot (not a bounded one: every partition counts). */
  public DrainRates next(LagSnapshot snapshot) {
    Map<String, long[]> sums = new TreeMap<>();
    for (PartitionLag p : snapshot.partitions()) {
      long[] s = sums.computeIfAbsent(p.group(), g -> new long[3]);
      s[0] += Math.max(0, p.committed());
      s[1] += p.logEnd();
      s[2] += p.lag();
    }
    Map<String, GroupRates> before = new TreeMap<>();
    groups.forEach(g -> before.put(g.group(), g));
    double seconds = atMillis < 0 ? 0 : (snapshot.atMillis() - atMillis) / 1000.0;
    List<GroupRates> out = new ArrayList<>();
    sums.forEach((group, s) -> {
      GroupRates was = before.get(group);
      double consume = NONE;
      double produce = NONE;
      if (was != null && seconds > 0) {
        consume = smooth(was.consumePerSec(), Math.max(0, s[0] - was.committedSum()) / seconds);
        produce = smooth(was.producePerSec(), Math.max(0, s[1] - was.endSum()) / seconds);
      }
      out.add(new GroupRates(group, s[0], s[1], s[2], consume, produce));
    });
    return new DrainRates(out, snapshot.atMillis());
  }

  /** The ETA these rates give; null until two polls were seen. */
  public DrainEta eta() {
    List<DrainEta.GroupEta> perGroup = groups.stream().filter(g -> g.consumePerSec() != NONE)
        .map(g -> new DrainEta.GroupEta(g.group(), g.consumePerSec(), g.producePerSec(), g.lag(),
            DrainEta.eta(g.lag(), g.consumePerSec(), g.producePerSec())))
        .toList();
    if (perGroup.isEmpty()) {
      return null;
    }
    boolean stuck = perGroup.stream().anyMatch(g -> g.etaSeconds() == null);
    Long slowest = stuck ? null : perGroup.stream().mapToLong(DrainEta.GroupEta::etaSeconds).max().orElse(0);
    return new DrainEta(perGroup.stream().mapToDouble(DrainEta.GroupEta::consumePerSec).sum(),
        perGroup.stream().mapToDouble(DrainEta.GroupEta::producePerSec).sum(),
        perGroup.stream().mapToLong(DrainEta.GroupEta::lag).sum(), slowest, perGroup);
  }

  private static double smooth(double previous, double now) {
    return previous == NONE ? now : DrainEta.SMOOTHING * now + (1 - DrainEta.SMOOTHING) * previous;
  }
}
