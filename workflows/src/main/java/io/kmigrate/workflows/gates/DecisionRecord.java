package io.kmigrate.workflows.gates;

import io.kmigrate.workflows.contract.AuditAction;

/**
 * What happened at a gate: approved, rejected, reminded (timeout kept waiting), timed-out, resolved.
 *
 * @param source the decision's source address, carried from {@link GateDecision} or
 *     {@link AbortRequest}; null for kmigrate's own records and decisions sent without one
 */
public record DecisionRecord(String gate, AuditAction action, String by, String comment, String at, String source) {
  public DecisionRecord(String gate, AuditAction action, String by, String comment, String at) {
    this(gate, action, by, comment, at, null);
  }
}
