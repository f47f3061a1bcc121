package io.kmigrate.workflows.gates;

/**
 * A person's answer to a gate, as sent with the approve/reject update or signal.
 *
 * @param source the sender's address, filled by the kmigrate API from the HTTP connection.
 *     Optional: a JSON-only client (the Temporal CLI or UI) omits it and the decision is recorded
 *     with its {@code by} and a null source. Like {@code by}, it is what the sender states; only
 *     the API fills it from something it observed.
 * @param openedAt optional: the {@link OpenGate#openedAt()} of the opening this answers. A gate
 *     can open again under the same name (a manual repoint per client, a gate after "not yet");
 *     with it, a decision sent twice cannot answer the next opening too.
 */
public record GateDecision(String gate, String by, String comment, String source, String openedAt) {
  public GateDecision(String gate, String by, String comment) {
    this(gate, by, comment, null, null);
  }

  public GateDecision(String gate, String by, String comment, String source) {
    this(gate, by, comment, source, null);
  }
}
