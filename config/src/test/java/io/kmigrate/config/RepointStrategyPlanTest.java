package io.kmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.config.outbound.OutboundPolicy;
import io.kmigrate.config.outbound.OwnPorts;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a plan names a client's repoint strategy, and what each needs. */
class RepointStrategyPlanTest {
  /** A worker that allows its deploy system's hooks; names resolve to nothing here (no DNS in a unit test). */
  static final PlanValidator VALIDATOR = new PlanValidator(Set.of("source", "target"),
      OutboundPolicy.of("webhooks", List.of("https://deploy.example/hooks/"), List.of(), new OwnPorts(), host -> {
        throw new UnknownHostException(host);
      }));

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

  @Test
  void aWebhookTheWorkerDoesNotAllowIsRefusedNamingTheFieldAndTheSetting() {
    assertThat(VALIDATOR.validate(plan("{name: api, role: producer, strategy: webhook, webhook: {url: 'https://evil.example/x'}}")))
        .singleElement().satisfies(p -> {
          assertThat(p.field()).isEqualTo("clients[0].webhook.url");
          assertThat(p.message()).contains("not an allowed destination").contains("webhooks.allowedUrls");
        });
  }

  @Test
  void aWebhookToTheMetadataServiceOrLoopbackIsRefusedWhateverTheAllowList() {
    PlanValidator permissive = new PlanValidator(Set.of("source", "target"),
        OutboundPolicy.of("webhooks", List.of("169.254.169.254", "http://127.0.0.1:8081/", "[::1]"), List.of(), new OwnPorts()));

    assertThat(permissive.validate(plan("{name: api, role: producer, strategy: webhook, webhook: {url: 'http://169.254.169.254/latest/meta-data/'}}")))
        .singleElement().satisfies(p -> assertThat(p.message()).contains("169.254.169.254, a link-local address"));
    assertThat(permissive.validate(plan("{name: api, role: producer, strategy: webhook, webhook: {url: 'http://127.0.0.1:8081/tasks/log-level'}}")))
        .singleElement().satisfies(p -> assertThat(p.message()).contains("a loopback address").contains("webhooks.allowedNetworks"));
    assertThat(permissive.validate(plan("{name: api, role: producer, strategy: webhook, webhook: {url: 'http://[::1]:8081/'}}")))
        .singleElement().satisfies(p -> assertThat(p.message()).contains("a loopback address"));
  }

  @Test
  void withoutAPolicyNoWebhookIsAllowed() {
    assertThat(new PlanValidator(Set.of("source", "target"))
            .validate(plan("{name: api, role: producer, strategy: webhook, webhook: {url: 'https://deploy.example/hooks/kafka'}}")))
        .singleElement().satisfies(p -> assertThat(p.message()).contains("the worker configuration allows none"));
  }
}
