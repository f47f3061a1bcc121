package io.kmigrate.workflows.contract;

/** How a group-partition's target offset was established. */
public enum HandoverMethod {
  /** The group had consumed nothing there: it starts at the copy's beginning. */
  NOTHING_CONSUMED,
  /** From the records: the copy of the first unconsumed source record, nothing re-read, nothing skipped. */
  EXACT,
  /** MirrorMaker's translation, accepted by a person where exactness could not be proven: a few records may be read again. */
  APPROXIMATE
}
