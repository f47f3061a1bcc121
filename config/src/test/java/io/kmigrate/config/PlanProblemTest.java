package io.kmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Problems are listed in the order a person reads the plan: indices as numbers. */
class PlanProblemTest {
  @Test
  void indicesSortAsNumbersAndFieldsAsText() {
    List<PlanProblem> problems = new ArrayList<>();
    for (String field : new String[] {"topics[10]", "clients[0].name", "topics[2]", "topics[002]", "topics[1].x", "topics", "waits.maxWait"}) {
      problems.add(new PlanProblem(field, "m"));
    }

    problems.sort(PlanProblem.READING_ORDER);

    assertThat(problems).extracting(PlanProblem::field)
        .containsExactly("clients[0].name", "topics", "topics[1].x", "topics[2]", "topics[002]", "topics[10]", "waits.maxWait");
  }
}
