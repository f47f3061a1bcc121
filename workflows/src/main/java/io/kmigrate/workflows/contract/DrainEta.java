package io.kmigrate.workflows.contract;

import java.util.List;

/**
 * How fast a drain goes, from its own polls: per group and in total, the rate its consumers
 * commit at, the rate producers still write to its partitions, its lag, and the seconds until it
 * reaches 0 at those rates ({@code etaSeconds} null: not draining, the net rate is not positive).
 * The total's ETA is the slowest group's: the drain ends when the last group is done. Rates are
 * measured over the last {@link #RATE_WINDOW_SECONDS} of polls (over all of them before that):
 * consumers commit in steps (auto-commit: every 5 s), so a rate from one poll to the next swings
 * between none and several times the truth.
 */
public record DrainEta(double consumePerSec, double producePerSec, long lag, Long etaSeconds, List<GroupEta> groups) {
  public static final int RATE_WINDOW_SECONDS = 30;

  public DrainEta {
    groups = List.copyOf(groups);
  }

  /** One group's part. */
  public record GroupEta(String group, double consumePerSec, double producePerSec, long lag, Long etaSeconds) {}

  /** "lag 1200, consuming 300/s, producing 100/s: drained in about 6 s", or "… not draining". */
  public String describe() {
    return "lag " + lag + ", consuming " + Math.round(consumePerSec) + "/s, producing " + Math.round(producePerSec) + "/s: "
        + (etaSeconds == null ? "not draining" : "drained in about " + etaSeconds + " s");
  }

  /** The seconds until {@code lag} is 0 at the net rate; null when the net rate is not positive. */
  public static Long eta(long lag, double consumePerSec, double producePerSec) {
    if (lag <= 0) {
      return 0L;
    }
    double net = consumePerSec - producePerSec;
    return net <= 0 ? null : (long) Math.ceil(lag / net);
  }
}
