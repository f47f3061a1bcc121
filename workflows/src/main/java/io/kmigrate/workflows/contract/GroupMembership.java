package io.kmigrate.workflows.contract;

/**
 * A group's membership at the time of a snapshot and its lag summed over all the snapshot's
 * partitions (exact even when the snapshot sent keeps only its worst partitions).
 */
public record GroupMembership(String group, String state, int members, long lag) {
  /** Membership alone: a full {@link LagSnapshot} fills in the lag from its partitions. */
  public GroupMembership(String group, String state, int members) {
    this(group, state, members, 0);
  }
}
