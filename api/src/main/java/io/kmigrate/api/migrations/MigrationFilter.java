package io.kmigrate.api.migrations;

import io.kmigrate.config.PlanProblem;
import io.kmigrate.workflows.visibility.MigrationSearchAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/migrations?phase=&gate=&source=&target=}: each given value must equal the
 * migration's. As a visibility query it reads
 * {@code KmigratePhase = 'drain-source' AND KmigrateGate = 'producer-cutover'}; values are names
 * (letters, digits, {@code . _ : -}), so none can break out of its quotes.
 */
public record MigrationFilter(String phase, String gate, String source, String target) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

  public MigrationFilter {
    List<PlanProblem> problems = new ArrayList<>();
    check("phase", phase, problems);
    check("gate", gate, problems);
    check("source", source, problems);
    check("target", target, problems);
    if (!problems.isEmpty()) {
      throw new MigrationException.BadInput("bad filter: " + problems.stream().map(p -> p.field() + ": " + p.message()).reduce((a, b) -> a + "; " + b).orElse(""),
          problems);
    }
  }

  private static void check(String field, String value, List<PlanProblem> problems) {
    if (value != null && !NAME.matcher(value).matches()) {
      problems.add(new PlanProblem(field, "must be 1 to 200 letters, digits, '.', '_', ':' or '-' (a phase, gate or cluster name)"));
    }
  }

  public boolean none() {
    return phase == null && gate == null && source == null && target == null;
  }

  /** The filter as search attribute name to value, for the query. */
  Map<String, String> terms() {
    Map<String, String> terms = new LinkedHashMap<>();
    put(terms, MigrationSearchAttributes.PHASE.getName(), phase);
    put(terms, MigrationSearchAttributes.GATE.getName(), gate);
    put(terms, MigrationSearchAttributes.SOURCE.getName(), source);
    put(terms, MigrationSearchAttributes.TARGET.getName(), target);
    return terms;
  }

  /** The visibility query that answers it. */
  public String query() {
    List<String> clauses = new ArrayList<>();
    terms().forEach((name, value) -> clauses.add(name + " = '" + value + "'"));
    return String.join(" AND ", clauses);
  }

  /** Whether a migration at {@code phase} with gate {@code gate} open (empty: none), from source to target, matches. */
  boolean matches(String phase, String gate, String source, String target) {
    return (this.phase == null || this.phase.equals(phase)) && (this.gate == null || this.gate.equals(gate))
        && (this.source == null || this.source.equals(source)) && (this.target == null || this.target.equals(target));
  }

  private static void put(Map<String, String> terms, String name, String value) {
    if (value != null) {
      terms.put(name, value);
    }
  }
}
