package io.kmigrate.config;

import java.util.Set;

/** Names of the approval gates; the dynamic ones open when a wait needs a human. */
public final class GateName {
  public static final String PRODUCER_CUTOVER = "producer-cutover";
  public static final String CONSUMER_CUTOVER = "consumer-cutover";
  /** Scheme production-later: stop the old consumers once the source drained. */
  public static final String STOP_OLD_CONSUMERS = "stop-old-consumers";
  /** A client group with strategy manual: a person repoints it and approves when done. */
  public static final String MANUAL_REPOINT = "manual-repoint";
  /** A long wait outlived {@code waits.maxWait}: keep waiting, proceed or abort. */
  public static final String DRAIN_TIMEOUT = "drain-timeout";
  /** A consumer group stopped making progress while lag remains. */
  public static final String DRAIN_STALLED = "drain-stalled";
  /** A producer kept writing to the source after it was repointed. */
  public static final String PRODUCERS_NOT_MOVED = "producers-not-moved";
  /** Scheme production-later: the new consumers did not join (or consume on) the target. */
  public static final String CONSUMERS_NOT_JOINED = "consumers-not-joined";
  /** Consumers did not show up on the target. */
  public static final String CONSUMERS_NOT_MOVED = "consumers-not-moved";

  /** The mirror did not catch up within maxWait: keep waiting or proceed. */
  public static final String MIRROR_BEHIND = "mirror-behind";
  /** A group's offsets have no fresh checkpoint: the consumers cannot move at translated offsets yet. */
  public static final String OFFSETS_NOT_TRANSLATED = "offsets-not-translated";
  /**
   * A group-partition's target offset could not be proven exact from the records: resume at
   * MirrorMaker's translation (a few records read again) or check again.
   */
  public static final String OFFSETS_NOT_EXACT = "offsets-not-exact";
  /**
   * The drain waits behind an open transaction: the groups read all a read_committed consumer can.
   * Repoint anyway (what the transaction commits later stays on the source) or keep waiting.
   */
  public static final String OPEN_TRANSACTION = "open-transaction";
  /**
   * A client's principal has no SCRAM credential on the target, and credentials cannot be copied:
   * approve once they are created (checked again), or reject to abort before anything moved.
   */
  public static final String PRINCIPALS_MISSING = "principals-missing";
  /** A mirror step failed (a connector FAILED, Connect unreachable, a source topic deleted): try again or abort. */
  public static final String MIRROR_FAILED = "mirror-failed";

  /** Every gate a migration can open. */
  public static final Set<String> ALL =
      Set.of(PRODUCER_CUTOVER, CONSUMER_CUTOVER, STOP_OLD_CONSUMERS, MANUAL_REPOINT, DRAIN_TIMEOUT, DRAIN_STALLED, PRODUCERS_NOT_MOVED, CONSUMERS_NOT_MOVED, CONSUMERS_NOT_JOINED,
          MIRROR_BEHIND, OFFSETS_NOT_TRANSLATED, OFFSETS_NOT_EXACT, OPEN_TRANSACTION, MIRROR_FAILED, PRINCIPALS_MISSING);

  private GateName() {}
}
