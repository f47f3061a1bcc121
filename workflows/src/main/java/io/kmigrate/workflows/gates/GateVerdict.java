package io.kmigrate.workflows.gates;

import io.kmigrate.workflows.MigrationControl;

/** A person's answer to a gate, and the update that carries it. */
public enum GateVerdict {
  APPROVE(MigrationControl.APPROVE),
  REJECT(MigrationControl.REJECT);

  private final String updateName;

  GateVerdict(String updateName) {
    this.updateName = updateName;
  }

  /** The update a client sends for this answer ({@code approve} or {@code reject}). */
  public String updateName() {
    return updateName;
  }
}
