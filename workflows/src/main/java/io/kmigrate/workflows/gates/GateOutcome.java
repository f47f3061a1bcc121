package io.kmigrate.workflows.gates;

/** How a gate closed. */
public enum GateOutcome {
  APPROVED,
  REJECTED,
  /** The condition the gate asked about came true while it was open. */
  RESOLVED,
  /** Aborted by a person, or by a gate timeout configured to abort. */
  ABORTED
}
