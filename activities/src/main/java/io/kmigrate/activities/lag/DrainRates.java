package io.kmigrate.activities.lag;

import io.kmigrate.workflows.contract.DrainEta;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.PartitionLag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A drain's rates from its polls: per group, what its commits advanced (consumed) and what the
 * end offsets of its partitions advanced (produced), per second, over the last
 * {@link DrainEta#RATE_WINDOW_SECONDS} (see {@link GroupRates#window}). Kept in the drain's
 * heartbeat, so a retried attempt goes on from them.
 *
 * @param groups per group: its offsets at the last poll and its smoothed rates
 * @param atMillis when the last poll read them; -1 before the first
 */
public record DrainRates(List<GroupRates> groups, long atMillis) {
  /**
   * One group at a poll: the sums of its commits and of its partitions' end offsets, its lag, its
   * rates (-1: none yet), and the earlier polls its rates are measured from: at most one every
   * {@link #SAMPLE_SPACING_MILLIS}, the oldest the last at or before the window's start, so a group
   * keeps about eight whatever the poll interval.
   */
  public record GroupRates(String group, long committedSum, long endSum, long lag, double consumePerSec, double producePerSec,
      List<Sample> window) {
    public GroupRates {
      // Heartbeats recorded before the window was kept have none: the rates start again from this poll.
      window = window == null ? List.of() : List.copyOf(window);
    }
  }

  /** A group's sums at one poll. */
  public record Sample(long atMillis, long committedSum, long endSum) {}

  static final long WINDOW_MILLIS = DrainEta.RATE_WINDOW_SECONDS * 1000L;
  static final long SAMPLE_SPACING_MILLIS = WINDOW_MILLIS / 6;

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
    List<GroupRates> out = new ArrayList<>();
    sums.forEach((group, s) -> {
      GroupRates was = before.get(group);
      Sample now = new Sample(snapshot.atMillis(), s[0], s[1]);
      List<Sample> window = trimmed(was == null ? List.of() : was.window(), now.atMillis());
      double consume = NONE;
      double produce = NONE;
      if (!window.isEmpty() && now.atMillis() > window.get(0).atMillis()) {
        Sample from = window.get(0);
        double seconds = (now.atMillis() - from.atMillis()) / 1000.0;
        consume = Math.max(0, now.committedSum() - from.committedSum()) / seconds;
        produce = Math.max(0, now.endSum() - from.endSum()) / seconds;
      }
      if (window.isEmpty() || now.atMillis() - window.get(window.size() - 1).atMillis() >= SAMPLE_SPACING_MILLIS) {
        window.add(now);
      }
      out.add(new GroupRates(group, s[0], s[1], s[2], consume, produce, window));
    });
    return new DrainRates(out, snapshot.atMillis());
  }

  /** {@code window} without the samples a poll at {@code nowMillis} no longer needs: all but the last at or before the window's start. */
  private static List<Sample> trimmed(List<Sample> window, long nowMillis) {
    List<Sample> kept = new ArrayList<>(window);
    while (kept.size() > 1 && kept.get(1).atMillis() <= nowMillis - WINDOW_MILLIS) {
      kept.remove(0);
    }
    return kept;
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
}
