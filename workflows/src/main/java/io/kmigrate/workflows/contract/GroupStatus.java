package io.kmigrate.workflows.contract;

/** Burrow's reading of a group over a window of snapshots. */
public enum GroupStatus {
  /** Lag 0 on every partition. */
  CAUGHT_UP,
  /** Lag remains but committed offsets move. */
  PROGRESSING,
  /** Members present, lag remains, committed offsets have not moved for stallAfter. */
  STALLED,
  /** No members, lag remains, committed offsets have not moved for stallAfter. */
  STOPPED,
  /**
   * Members present, and every partition whose commit has not moved for stallAfter has read all
   * a read_committed consumer can: an open transaction holds the rest back.
   */
  TRANSACTION_OPEN,
  /** Not enough snapshots yet to judge. */
  UNKNOWN
}
