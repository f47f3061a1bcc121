package io.kmigrate.workflows.gates;

/**
 * What happened at a gate: approved, rejected, reminded (timeout kept waiting), timed-out, resolved.
 *
 * @param source the decision's source address, carried from {@link GateDecision} or
 *     {@link AbortRequest}; null for kmigrate's own records and decisions sent without one
 */
public record DecisionRecord(String gate, String action, String by, String comment, String at, String source) {
  public DecisionRecord(String gate, String action, String by, String comment, String at) {
    this(gate, action, by, comment, at, null);
  }
}
