package io.kmigrate.workflows.gates;

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
    return InputLimits.firstProblem(
        "reason", reason, InputLimits.COMMENT, "by", by, InputLimits.BY, "source", source, InputLimits.SOURCE);
  }

  /** The abort cut to the limits: what a signal, which cannot be refused, is taken as. */
  public AbortRequest bounded() {
    return new AbortRequest(
        InputLimits.bounded(reason, InputLimits.COMMENT), InputLimits.bounded(by, InputLimits.BY),
        InputLimits.bounded(source, InputLimits.SOURCE));
  }

  public AbortRequest(String reason, String by) {
    this(reason, by, null);
  }
}
