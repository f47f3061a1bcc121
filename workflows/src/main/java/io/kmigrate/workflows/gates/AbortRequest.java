package io.kmigrate.workflows.gates;

/**
 * Stop the migration; allowed before producers are repointed.
 *
 * @param source the sender's address, as in {@link GateDecision#source()}: optional, null when
 *     sent straight through Temporal or raised by kmigrate itself (a gate timeout)
 */
public record AbortRequest(String reason, String by, String source) {
  public AbortRequest(String reason, String by) {
    this(reason, by, null);
  }
}
