package io.kmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A plan with many mistakes is answered with all of them in one pass, each with its field. */
class EveryProblemAtOnceTest {
  static final PlanValidator VALIDATOR = new PlanValidator(Set.of("source", "target"));

  static final String MANY_MISTAKES = String.join("\n",
      "name: orders-move",
      "scheme: production-first",
      "source: source",
      "target: elsewhere",
      "topics: [orders, 'bad topic']",
      "consumerGroups: [billing]",
      "clients:",
      "  - {name: api, role: writer, strategy: routing}",
      "  - {name: billing, role: consumer, consumerGroup: billing, colour: blue}",
      "waits: {pollInterval: soon, stableFor: 30s}",
      "");

  @Test
  void readingProblemsAndRuleProblemsAreReportedTogether() {
    List<PlanProblem> problems = VALIDATOR.validate(MANY_MISTAKES);

    assertThat(problems).extracting(PlanProblem::field)
        .contains("clients[0].role", "clients[1].colour", "waits.pollInterval", "target", "topics[1]");
    assertThat(problems).filteredOn(p -> p.field().equals("clients[0].role")).singleElement()
        .satisfies(p -> assertThat(p.message()).isEqualTo("'writer' is not a role: use producer or consumer"));
    assertThat(problems).filteredOn(p -> p.field().equals("waits.pollInterval"))
        .as("a field is reported once, by what went wrong first").hasSize(1);
  }

  @Test
  void parseValidThrowsWithEveryProblem() {
    assertThatThrownBy(() -> VALIDATOR.parseValid(MANY_MISTAKES))
        .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(5));
  }

  @Test
  void aValidPlanTextHasNoProblems() {
    String ok = MANY_MISTAKES.replace("elsewhere", "target").replace("'bad topic'", "payments").replace("writer", "producer")
        .replace(", colour: blue", "").replace("soon", "5s");

    assertThat(VALIDATOR.validate(ok)).isEmpty();
    assertThat(VALIDATOR.parseValid(ok).name()).isEqualTo("orders-move");
  }
}
