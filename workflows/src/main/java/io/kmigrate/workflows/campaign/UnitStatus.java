package io.kmigrate.workflows.campaign;

import io.kmigrate.workflows.contract.MigrationStatus;

/** One unit of a campaign: a migration, as the campaign sees it. */
public enum UnitStatus {
  /** Its wave has not started. */
  PENDING,
  /** Its wave was approved without it. */
  SKIPPED,
  RUNNING,
  COMPLETED,
  FAILED,
  ABORTED,
  CANCELLED,
  /** The campaign ended before its wave: stopped, aborted, or failed under {@code stop}. */
  NOT_STARTED;

  /** How a unit that ran ended, from its migration's own status. */
  public static UnitStatus of(MigrationStatus ended) {
    return switch (ended) {
      case COMPLETED -> COMPLETED;
      case ABORTED -> ABORTED;
      case CANCELLED -> CANCELLED;
      default -> FAILED;
    };
  }

  public boolean fine() {
    return this == COMPLETED || this == SKIPPED;
  }
}
