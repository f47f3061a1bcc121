package io.kmigrate.workflows.campaign;

/** Where a campaign stands. */
public enum CampaignStatus {
  /** A wave's gate is open: a person approves it (or skips units, or stops the campaign). */
  WAITING_FOR_APPROVAL,
  /** A wave's units are running. */
  RUNNING,
  /** Every unit completed or was skipped. */
  COMPLETED,
  /** A unit did not complete: under {@code stop} no further wave started; under {@code continue}, all ran. */
  FAILED,
  /** A person stopped it at a wave's gate: the waves before it ran, none after. */
  STOPPED,
  /** A person aborted it: its running units were aborted (each rolled back), no further wave started. */
  ABORTED;

  public boolean ended() {
    return this != WAITING_FOR_APPROVAL && this != RUNNING;
  }
}
