package io.kmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a plan names its clients' principals and transactional ids, and whether ACLs and quotas are copied. */
class SecurityPlanTest {
  private static final PlanValidator VALIDATOR = new PlanValidator(Set.of("source", "target"));

  private static String plan(String... clientsAndMore) {
    return String.join("\n",
        "name: secure",
        "scheme: production-first",
        "source: source",
        "target: target",
        "topics: [orders]",
        "consumerGroups: [billing]",
        String.join("\n", clientsAndMore),
        "");
  }

  @Test
  void clientsNamingPrincipalsAndATransactionalIdAreValidAndReadBack() {
    String text = plan("clients:",
        "  - {name: api, role: producer, principal: 'User:orders-api', transactionalIdPrefix: orders-tx-}",
        "  - {name: billing, role: consumer, consumerGroup: billing, principal: 'User:billing'}",
        "acls: {copy: false}",
        "quotas: {copy: false}");
    assertThat(VALIDATOR.validate(text)).isEmpty();
    MigrationPlan plan = PlanLoader.parse(text);
    assertThat(plan.clients().get(0).principal()).isEqualTo("User:orders-api");
    assertThat(plan.clients().get(0).transactionalIdPrefix()).isEqualTo("orders-tx-");
    assertThat(plan.acls().copies(true)).isFalse();
    assertThat(plan.quotas().copies()).isFalse();
  }

  @Test
  void withoutAnAclsSectionACopyHappensExactlyWhenTheTargetHasAnAuthorizer() {
    MigrationPlan plan = PlanLoader.parse(plan("clients: [{name: api, role: producer}]"));
    assertThat(plan.acls().copies(true)).isTrue();
    assertThat(plan.acls().copies(false)).isFalse();
    assertThat(plan.quotas().copies()).isTrue();
    assertThat(plan.clients().get(0).hasPrincipal()).isFalse();
  }

  @Test
  void everyPrincipalAndTransactionalIdProblemIsNamedAtOnce() {
    String text = plan("clients:",
        "  - {name: a, role: producer, principal: orders-api}",
        "  - {name: b, role: producer, principal: 'User:*'}",
        "  - {name: c, role: producer, transactionalId: tx}",
        "  - {name: d, role: producer, principal: 'User:d', transactionalId: tx, transactionalIdPrefix: tx-}",
        "  - {name: e, role: consumer, consumerGroup: billing, principal: 'User:e', transactionalId: tx}",
        "  - {name: f, role: producer, principal: 'User:f', transactionalId: ' '}");
    assertThat(VALIDATOR.validate(text)).extracting(PlanProblem::field, p -> p.message().substring(0, 20)).containsExactly(
        tuple("clients[0].principal", "'orders-api' is not "),
        tuple("clients[1].principal", "a client is one prin"),
        tuple("clients[2].principal", "a transactional id i"),
        tuple("clients[3].transactionalIdPrefix", "give transactionalId"),
        tuple("clients[4].transactionalId", "a consumer has no tr"),
        tuple("clients[5].transactionalId", "must not be blank: r"));
  }

  @Test
  void anUnknownFieldInTheAclsSectionIsNamed() {
    assertThat(VALIDATOR.validate(plan("clients: [{name: api, role: producer}]", "acls: {copyy: true}")))
        .extracting(PlanProblem::field).containsExactly("acls.copyy");
  }
}
