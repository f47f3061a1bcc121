package io.kmigrate.activities.lag;

import io.kmigrate.workflows.contract.DrainEta;
import io.kmigrate.workflows.contract.LagSnapshot;
import java.util.List;

/**
 * What a drain wait remembers between polls and across retries. {@code unobservedSinceMillis}
 * (-1 when the last poll answered) and {@code unobservedBecause} say since when and why the
 * cluster could not be read: the live wait shows them, and the spell is not held against the
 * consumers (see {@link #motionAfter}). {@code last} is {@link LagSnapshot#sent bounded};
 * {@code motionOmitted} counts the partitions whose motion a heartbeat left out (see
 * {@link #heartbeatDetails}).
 */
public record DrainState(
    List<PartitionMotion> motion, long endOffsetSum, long stableSinceMillis, LagSnapshot last,
    long unobservedSinceMillis, String unobservedBecause, int motionOmitted, DrainRates rates, DrainEta eta)
    implements Heartbeated<DrainState> {
  /**
   * The most partitions whose motion a heartbeat carries: about 100 bytes each as JSON, so 5,000
   * are about 0.5 MB, well under Temporal's 2 MB payload limit.
   */
  public static final int HEARTBEAT_MOTION = 5_000;

  public DrainState {
    last = LagSnapshot.sent(last);
    // Heartbeats recorded before rates were kept have none: they start again.
    rates = rates == null ? DrainRates.none() : rates;
  }

  public DrainState(List<PartitionMotion> motion, long endOffsetSum, long stableSinceMillis, LagSnapshot last) {
    this(motion, endOffsetSum, stableSinceMillis, last, -1, null, 0, null, null);
  }

  /** A poll's state, with the drain's rates moved on by its full {@code snapshot}. */
  public DrainState(List<PartitionMotion> motion, long endOffsetSum, long stableSinceMillis, LagSnapshot snapshot, DrainRates rates) {
    this(motion, endOffsetSum, stableSinceMillis, snapshot, -1, null, 0, rates, rates.eta());
  }

  public static DrainState fresh() {
    return new DrainState(List.of(), -1, -1, null);
  }

  /** This state after a poll that could not read the cluster: what was stable must be seen stable again. */
  public DrainState unobserved(long nowMillis, RuntimeException why) {
    long since = unobservedSinceMillis > 0 ? unobservedSinceMillis : nowMillis;
    return new DrainState(motion, endOffsetSum, -1, last, since, why.toString(), motionOmitted, rates, eta);
  }

  /**
   * The state as heartbeated: whole while the motion is small; above {@link #HEARTBEAT_MOTION}
   * partitions without it. A retry that resumes without motion sees every partition as new, so
   * each stall clock starts at its first poll: after a worker restart a stall is then noticed up
   * to stallAfter later than it would have been. The attempt itself keeps the whole motion.
   */
  @Override
  public DrainState heartbeatDetails() {
    if (motion.size() <= HEARTBEAT_MOTION) {
      return this;
    }
    return new DrainState(List.of(), endOffsetSum, stableSinceMillis, last, unobservedSinceMillis, unobservedBecause, motion.size(), rates, eta);
  }

  /**
   * The commits' motion to judge a snapshot taken at {@code readAtMillis} by. After a spell the
   * cluster could not be read, every partition's stall clock starts again then: the consumers
   * could not commit to a broker that was away, so they get a whole stallAfter once it is back.
   */
  public List<PartitionMotion> motionAfter(long readAtMillis) {
    if (unobservedSinceMillis < 0) {
      return motion;
    }
    return motion.stream()
        .map(m -> new PartitionMotion(m.group(), m.topic(), m.partition(), m.committed(), Math.max(m.lastMoveAtMillis(), readAtMillis)))
        .toList();
  }
}
