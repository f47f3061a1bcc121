package io.kmigrate.workflows.gates;

import io.kmigrate.config.InputLimits.Field;
import io.kmigrate.config.InputLimits;
import java.util.Optional;

/**
 * Stop the migration; allowed before producers are repointed.
 *
 * @param source the sender's address, as in {@link GateDecision#source()}: optional, null when
 *     sent straight through Temporal or raised by kmigrate itself (a gate timeout)
 */
public record AbortRequest(String reason, String by, String source) {
  /** Why this abort cannot be taken as sent: a value over its {@link InputLimits limit} or with a control character. */
  public Optional<String> limitProblem() {
    return InputLimits.firstProblem(fields());
  }

  /** The abort cut to the limits: what a signal, which cannot be refused, is taken as, and what a replay takes. */
  public AbortRequest bounded() {
    Field[] f = fields();
    return new AbortRequest(f[0].bounded(), f[1].bounded(), f[2].bounded());
  }

  private Field[] fields() {
    return new Field[] {
      Field.text("reason", reason, InputLimits.COMMENT), Field.oneLine("by", by, InputLimits.BY),
      Field.oneLine("source", source, InputLimits.SOURCE)};
  }

  public AbortRequest(String reason, String by) {
    this(reason, by, null);
  }
}
