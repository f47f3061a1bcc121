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
  /** Not enough snapshots yet to judge. */
  UNKNOWN
}
