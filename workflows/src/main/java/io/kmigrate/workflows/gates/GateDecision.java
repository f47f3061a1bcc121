package io.kmigrate.workflows.gates;

import io.kmigrate.config.InputLimits.Field;
import io.kmigrate.config.InputLimits;
import java.util.Optional;

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
  /** Why this decision cannot be taken as sent: a value over its {@link InputLimits limit} or with a control character. */
  public Optional<String> limitProblem() {
    return InputLimits.firstProblem(fields());
  }

  /** The decision cut to the limits: what a signal, which cannot be refused, is taken as, and what a replay takes. */
  public GateDecision bounded() {
    Field[] f = fields();
    return new GateDecision(f[0].bounded(), f[1].bounded(), f[2].bounded(), f[3].bounded(), f[4].bounded());
  }

  private Field[] fields() {
    return new Field[] {
      Field.oneLine("gate", gate, InputLimits.GATE), Field.oneLine("by", by, InputLimits.BY),
      Field.text("comment", comment, InputLimits.COMMENT), Field.oneLine("source", source, InputLimits.SOURCE),
      Field.oneLine("openedAt", openedAt, InputLimits.OPENED_AT)};
  }

  public GateDecision(String gate, String by, String comment) {
    this(gate, by, comment, null, null);
  }

  public GateDecision(String gate, String by, String comment, String source) {
    this(gate, by, comment, source, null);
  }
}
