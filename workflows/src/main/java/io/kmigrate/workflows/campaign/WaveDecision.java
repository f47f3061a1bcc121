package io.kmigrate.workflows.campaign;

import io.kmigrate.config.InputLimits;
import io.kmigrate.config.InputLimits.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A person's answer to a wave's gate: approve it (without the units in {@code skip}), or stop the
 * campaign there. {@code wave} counts from 1, as people do; it must be the open one.
 */
public record WaveDecision(int wave, String by, String comment, List<String> skip, String source) {
  public WaveDecision {
    skip = skip == null ? List.of() : List.copyOf(skip);
  }

  /** Why this decision cannot be taken as sent: a value over its limit or with a control character. */
  public Optional<String> limitProblem() {
    List<Field> fields = new ArrayList<>(List.of(
        Field.oneLine("by", by, InputLimits.BY), Field.text("comment", comment, InputLimits.COMMENT),
        Field.oneLine("source", source, InputLimits.SOURCE)));
    for (int i = 0; i < skip.size(); i++) {
      fields.add(Field.oneLine("skip[" + i + "]", skip.get(i), InputLimits.NAME));
    }
    return InputLimits.firstProblem(fields.toArray(Field[]::new));
  }
}
