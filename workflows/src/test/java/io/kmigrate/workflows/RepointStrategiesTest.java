package io.kmigrate.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.ClientRole;
import io.kmigrate.config.GateName;
import io.kmigrate.config.Gates;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.RepointStrategy;
import io.kmigrate.config.Scheme;
import io.kmigrate.config.Webhook;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.kmigrate.workflows.gates.OpenGate;
import io.kmigrate.workflows.progress.Progress;
import io.kmigrate.workflows.progress.StepRecord;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Manual and webhook repointing as the workflow sees them. */
@Timeout(60)
class RepointStrategiesTest {
  private final MigrationHarness h = new MigrationHarness();

  @AfterEach
  void close() {
    h.close();
  }

  static MigrationPlan plan(ClientGroup... producers) {
    List<ClientGroup> clients = new java.util.ArrayList<>(List.of(producers));
    clients.add(new ClientGroup(TestPlans.CONSUMER, ClientRole.CONSUMER, RepointStrategy.ROUTING, TestPlans.GROUP));
    return new MigrationPlan(TestPlans.NAME, Scheme.PRODUCTION_FIRST, "source", "target", TestPlans.TOPICS, null,
        List.of(TestPlans.GROUP), clients, Gates.defaults(), TestPlans.FAST_WAITS);
  }

  @Test
  void aManualClientOpensAGateWithInstructionsAndTheMoveIsThenVerifiedFromTraffic() {
    h.start(plan(new ClientGroup("legacy-batch", ClientRole.PRODUCER, RepointStrategy.MANUAL, null)));
    h.awaitGate(GateName.PRODUCER_CUTOVER);
    h.approve(GateName.PRODUCER_CUTOVER, "alice");

    OpenGate manual = h.awaitGate(GateName.MANUAL_REPOINT);
    assertThat(manual.question()).isEqualTo("restart the producers of legacy-batch with bootstrap.servers=target:9092 (cluster target)");
    assertThat(h.calls.calls()).doesNotContain("awaitProducersMoved");

    h.approve(GateName.MANUAL_REPOINT, "ops-oncall");
    h.awaitGate(GateName.CONSUMER_CUTOVER);
    assertThat(h.calls.calls()).contains("awaitProducersMoved");
  }

  @Test
  void aWebhookAnswering4xxStopsTheMigrationAtThatStepWithTheResponseAndRepointsNothingElse() {
    ClientGroup first = new ClientGroup("orders-api", ClientRole.PRODUCER, RepointStrategy.WEBHOOK, null, null, new Webhook("https://deploy.example/a"));
    ClientGroup second = new ClientGroup("billing-api", ClientRole.PRODUCER, RepointStrategy.ROUTING, null);
    h.repoint.failFor("orders-api", ApplicationFailure.newNonRetryableFailure(
        "webhook https://deploy.example/a for client orders-api answered 409: {\"error\":\"frozen\"}", "WebhookRejected"));
    h.start(plan(first, second));
    h.awaitGate(GateName.PRODUCER_CUTOVER);
    h.approve(GateName.PRODUCER_CUTOVER, "alice");

    WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class, h::result);

    assertThat(failed.getCause()).isInstanceOf(ActivityFailure.class);
    assertThat(((ApplicationFailure) failed.getCause().getCause()).getType()).isEqualTo("WebhookRejected");
    assertThat(h.repoint.requests()).extracting(r -> r.client().name()).containsExactly("orders-api");
    Progress p = h.workflow.progress();
    assertThat(p.status()).isEqualTo(MigrationStatus.FAILED);
    assertThat(p.steps()).filteredOn(s -> s.name().equals("repoint-producers")).singleElement().satisfies((StepRecord s) -> {
      assertThat(s.status()).isEqualTo("failed");
      assertThat(s.detail()).contains("answered 409", "frozen");
    });
  }
}
