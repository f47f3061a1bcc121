package io.kmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a plan names a client's repoint strategy, and what each needs. */
class RepointStrategyPlanTest {
  static final PlanValidator VALIDATOR = new PlanValidator(Set.of("source", "target"));

  static String plan(String producer) {
    return String.join("\n",
        "name: strategies",
        "scheme: production-first",
        "source: source",
        "target: target",
        "topics: [orders]",
        "clients:",
        "  - " + producer,
        "");
  }

  @Test
  void aWebhookClientWithAnHttpsUrlIsValid() {
    assertThat(VALIDATOR.validate(plan("{name: api, role: producer, strategy: webhook, webhook: {url: 'https://deploy.example/hooks/kafka'}}"))).isEmpty();
  }

  @Test
  void aManualClientNeedsNothingMore() {
    assertThat(VALIDATOR.validate(plan("{name: api, role: producer, strategy: manual}"))).isEmpty();
  }

  @Test
  void anUnknownStrategyIsNamedWithTheChoices() {
    assertThat(VALIDATOR.validate(plan("{name: api, role: producer, strategy: carrier-pigeon}"))).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("clients[0].strategy");
      assertThat(p.message()).isEqualTo("'carrier-pigeon' is not a strategy: use routing or webhook or manual");
    });
  }

  @Test
  void aWebhookUrlThatIsNotHttpIsRefused() {
    assertThat(VALIDATOR.validate(plan("{name: api, role: producer, strategy: webhook, webhook: {url: 'ftp://deploy.example/x'}}")))
        .singleElement().satisfies(p -> {
          assertThat(p.field()).isEqualTo("clients[0].webhook.url");
          assertThat(p.message()).contains("not an http(s) URL");
        });
  }

  @Test
  void aWebhookClientWithoutAUrlAndAUrlWithoutTheStrategyAreRefused() {
    assertThat(VALIDATOR.validate(plan("{name: api, role: producer, strategy: webhook}")))
        .extracting(PlanProblem::field).containsExactly("clients[0].webhook.url");
    assertThat(VALIDATOR.validate(plan("{name: api, role: producer, webhook: {url: 'https://x.example'}}")))
        .extracting(PlanProblem::field).containsExactly("clients[0].webhook");
  }
}
