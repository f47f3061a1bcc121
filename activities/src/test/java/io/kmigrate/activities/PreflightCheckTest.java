package io.kmigrate.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.ClientRole;
import io.kmigrate.config.ClusterConfig;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.RepointStrategy;
import io.kmigrate.config.Scheme;
import io.kmigrate.config.Webhook;
import io.kmigrate.config.outbound.OutboundPolicy;
import io.kmigrate.config.outbound.OwnPorts;
import io.kmigrate.workflows.contract.Finding;
import io.kmigrate.workflows.contract.PreflightReport;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** One preflight check that cannot run: a finding when the cluster said no, a retry when it was only slow. */
class PreflightCheckTest {

  @Test
  void aRefusalIsThatChecksFindingAndTheOtherChecksStillRun() {
    List<Finding> findings = new ArrayList<>();
    PreflightActivitiesImpl.check("consumerGroups", findings, () -> {
      throw new CompletionException(new GroupAuthorizationException("not authorized to describe group billing"));
    });

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo("consumerGroups");
      assertThat(f.message()).startsWith("the check could not run").contains("not authorized to describe group billing");
    });
  }

  @Test
  void aTimeoutFailsTheAttemptSoTemporalRetriesThePreflightInsteadOfFailingTheMigration() {
    List<Finding> findings = new ArrayList<>();
    assertThatThrownBy(() -> PreflightActivitiesImpl.check("consumerGroups", findings, () -> {
      throw new CompletionException(new TimeoutException("Timed out waiting for a node assignment. Call: describeConsumerGroups"));
    })).hasRootCauseInstanceOf(TimeoutException.class);

    assertThat(findings).isEmpty();
  }

  @Test
  void aClusterThatTimesOutIsRetriedAndCalledUnreachableOnlyOnTheFifthAttempt() {
    RuntimeException timedOut = new CompletionException(new TimeoutException("Timed out waiting to send the call. Call: listNodes"));

    assertThat(PreflightActivitiesImpl.retryBeforeCallingUnreachable(timedOut, 1)).isTrue();
    assertThat(PreflightActivitiesImpl.retryBeforeCallingUnreachable(timedOut, 4)).isTrue();
    assertThat(PreflightActivitiesImpl.retryBeforeCallingUnreachable(timedOut, 5)).as("the fifth attempt reports it").isFalse();
    assertThat(PreflightActivitiesImpl.retryBeforeCallingUnreachable(timedOut, ActivityAttempt.number()))
        .as("called outside an activity there is no retry to wait for").isFalse();
  }

  @Test
  void aClusterThatRefusesIsUnreachableOnTheFirstAttempt() {
    RuntimeException refused = new CompletionException(new org.apache.kafka.common.errors.SaslAuthenticationException("bad credentials"));

    assertThat(PreflightActivitiesImpl.retryBeforeCallingUnreachable(refused, 1)).isFalse();
  }

  @Test
  void aWebhookHostThatDoesNotResolveFromTheWorkerIsAFindingBeforeAnyClusterIsAsked() {
    Clusters clusters = new Clusters(Map.of("source", new ClusterConfig("127.0.0.1:1", Map.of()),
        "target", new ClusterConfig("127.0.0.1:1", Map.of())), SecretResolver.fromEnvironment());
    OutboundPolicy webhooks = OutboundPolicy.of("webhooks", List.of("*.deploy.example.com"), List.of(), new OwnPorts(), host -> {
      throw new UnknownHostException(host);
    });
    MigrationPlan plan = new MigrationPlan("hooks", Scheme.PRODUCTION_FIRST, "source", "target", List.of("orders"), null, List.of(),
        List.of(new ClientGroup("api", ClientRole.PRODUCER, RepointStrategy.WEBHOOK, null, null,
            new Webhook("https://typo.deploy.example.com/hook"))), null, null);

    try (clusters) {
      PreflightReport report = new PreflightActivitiesImpl(clusters, webhooks).preflight(plan);

      assertThat(report.findings()).singleElement().satisfies(f -> {
        assertThat(f.check()).isEqualTo("webhooks");
        assertThat(f.message()).startsWith("clients[0].webhook.url: the host of 'https://typo.deploy.example.com/hook' does not resolve");
      });
    }
  }
}
