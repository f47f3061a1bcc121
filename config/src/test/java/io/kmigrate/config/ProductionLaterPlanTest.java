package io.kmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Scheme production-later plans: each consumer group has old consumers and new ones replacing them. */
class ProductionLaterPlanTest {
  static final PlanValidator VALIDATOR = new PlanValidator(Set.of("source", "target"));

  static String plan(String scheme, String clients) {
    return String.join("\n",
        "name: later",
        "scheme: " + scheme,
        "source: source",
        "target: target",
        "topics: [orders]",
        "consumerGroups: [billing]",
        "clients:",
        "  - {name: api, role: producer}",
        clients,
        "");
  }

  static final String OLD_AND_NEW = String.join("\n",
      "  - {name: billing-old, role: consumer, consumerGroup: billing}",
      "  - {name: billing-new, role: consumer, consumerGroup: billing, replaces: billing-old}");

  @Test
  void oldConsumersWithTheirReplacementsMakeAValidPlan() {
    assertThat(VALIDATOR.validate(plan("production-later", OLD_AND_NEW))).isEmpty();
    MigrationPlan plan = VALIDATOR.parseValid(plan("production-later", OLD_AND_NEW));
    assertThat(plan.scheme()).isEqualTo(Scheme.PRODUCTION_LATER);
    assertThat(plan.clients().get(2).isReplacement()).isTrue();
    assertThat(plan.scheme().workflowType()).isEqualTo("ProductionLaterMigration");
  }

  @Test
  void anOldConsumerWithoutAReplacementIsNamed() {
    List<PlanProblem> problems = VALIDATOR.validate(plan("production-later", "  - {name: billing-old, role: consumer, consumerGroup: billing}"));

    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("clients[1]");
      assertThat(p.message()).contains("replaces: billing-old");
    });
  }

  @Test
  void aReplacementMustNameAnOldConsumerOfTheSameGroup() {
    String clients = String.join("\n",
        "  - {name: billing-old, role: consumer, consumerGroup: billing}",
        "  - {name: billing-new, role: consumer, consumerGroup: billing, replaces: nobody}");

    assertThat(VALIDATOR.validate(plan("production-later", clients))).extracting(PlanProblem::field)
        .contains("clients[2].replaces", "clients[1]");
  }

  @Test
  void replacementsBelongOnlyToProductionLater() {
    assertThat(VALIDATOR.validate(plan("production-first", OLD_AND_NEW))).extracting(PlanProblem::field)
        .containsExactly("clients[2].replaces");
  }

  @Test
  void theStopOldConsumersGateCannotAbortOnTimeout() {
    String text = plan("production-later", OLD_AND_NEW) + "gates:\n  stop-old-consumers: {timeout: 1h, onTimeout: abort}\n";

    assertThat(VALIDATOR.validate(text)).extracting(PlanProblem::field).containsExactly("gates.stop-old-consumers.onTimeout");
  }

  @Test
  void theExamplePlanIsValid() throws Exception {
    MigrationPlan plan = PlanLoader.load(java.nio.file.Path.of("examples/production-later.yaml"));

    assertThat(VALIDATOR.validate(plan)).isEmpty();
    assertThat(plan.clients()).filteredOn(ClientGroup::isReplacement).extracting(ClientGroup::replaces).containsExactly("billing-service");
  }
}
