package io.kmigrate.workflows.contract;

/**
 * Where a migration stands, as its progress, its report and the store say it. Only
 * {@link #RUNNING} and {@link #WAITING_FOR_APPROVAL} are not ends.
 */
public enum MigrationStatus {
  RUNNING,
  /** Running, with a gate open for a person: shown by progress, never stored. */
  WAITING_FOR_APPROVAL,
  COMPLETED,
  FAILED,
  ABORTED,
  CANCELLED;

  public boolean ended() {
    return this != RUNNING && this != WAITING_FOR_APPROVAL;
  }
}
