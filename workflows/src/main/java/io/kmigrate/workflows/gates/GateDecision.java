package io.kmigrate.workflows.gates;

/**
 * A person's answer to a gate, as sent with the approve/reject update or signal.
 *
 * @param source the sender's address, filled by the kmigrate API from the HTTP connection.
 *     Optional: a JSON-only client (the Temporal CLI or UI) omits it and the decision is recorded
 *     with its {@code by} and a null source. Like {@code by}, it is what the sender states; only
 *     the API fills it from something it observed.
 */
public record GateDecision(String gate, String by, String comment, String source) {
  public GateDecision(String gate, String by, String comment) {
    this(gate, by, comment, null);
  }
}
