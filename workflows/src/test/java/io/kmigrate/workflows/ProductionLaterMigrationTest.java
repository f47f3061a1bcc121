package io.kmigrate.workflows;

import static io.kmigrate.workflows.FakeRepoint.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.ClientRole;
import io.kmigrate.config.GateName;
import io.kmigrate.config.Gates;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.RepointStrategy;
import io.kmigrate.config.Scheme;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.kmigrate.workflows.contract.RepointAction;
import io.kmigrate.workflows.progress.StepRecord;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scheme 2: new consumers on the target first, then producers, then the old consumers stop. */
@Timeout(60)
class ProductionLaterMigrationTest {
  static final String NEW_CONSUMER = "orders-consumer-app-target";
  private final MigrationHarness h = new MigrationHarness();

  @AfterEach
  void close() {
    h.close();
  }

  static MigrationPlan plan() {
    return new MigrationPlan(
        TestPlans.NAME, Scheme.PRODUCTION_LATER, "source", "target", TestPlans.TOPICS, null, List.of(TestPlans.GROUP),
        List.of(
            new ClientGroup(TestPlans.PRODUCER, ClientRole.PRODUCER, RepointStrategy.ROUTING, null),
            new ClientGroup(TestPlans.CONSUMER, ClientRole.CONSUMER, RepointStrategy.ROUTING, TestPlans.GROUP),
            new ClientGroup(NEW_CONSUMER, ClientRole.CONSUMER, RepointStrategy.ROUTING, TestPlans.GROUP, TestPlans.CONSUMER)),
        Gates.defaults(), TestPlans.FAST_WAITS);
  }

  @Test
  void newConsumersJoinTheTargetBeforeProducersMoveAndOldOnesStopOnlyAfterTheDrain() {
    h.start(plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);
    assertThat(h.calls.calls()).as("new consumers wait on the target before any producer moves")
        .containsSubsequence(call(NEW_CONSUMER, "target"), "awaitConsumersJoined:target:joined")
        .doesNotContain(call(TestPlans.PRODUCER, "target"));

    h.approve(GateName.PRODUCER_CUTOVER, "alice");
    h.awaitGate(GateName.STOP_OLD_CONSUMERS);
    h.approve(GateName.STOP_OLD_CONSUMERS, "bob");
    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.scheme()).isEqualTo("production-later");
    assertThat(h.calls.calls()).containsSubsequence(
        "preflight", "prepare-target",
        call(NEW_CONSUMER, "target"), "awaitConsumersJoined:target:joined",
        call(TestPlans.PRODUCER, "target"), "awaitProducersMoved", "awaitConsumersJoined:target:consuming",
        "awaitDrained",
        "stop " + call(TestPlans.CONSUMER, "source"), "awaitConsumersMoved");
    assertThat(h.repoint.requests()).filteredOn(r -> r.action() == RepointAction.STOP)
        .extracting(r -> r.client().name()).containsExactly(TestPlans.CONSUMER);
    assertThat(report.steps()).extracting(StepRecord::name).containsExactly(
        "preflight", "prepare-target", "start-new-consumers", "verify-new-consumers-joined", "repoint-producers",
        "verify-producers", "verify-target-consuming", "drain-source", "stop-old-consumers", "verify-consumers");
  }

  @Test
  void rejectingProducerCutoverAbortsAndStopsTheNewConsumersWithNoProducerMoved() {
    h.start(plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);

    h.reject(GateName.PRODUCER_CUTOVER, "alice");

    assertThat(h.failure().getType()).isEqualTo(MigrationWorkflowBase.ABORTED_FAILURE);
    assertThat(h.repoint.requests()).extracting(r -> r.client().name() + " " + r.action() + " " + r.cluster())
        .containsExactly(NEW_CONSUMER + " POINT target", NEW_CONSUMER + " STOP target");
    assertThat(h.calls.calls()).as("no producer moved, so none is verified back").doesNotContain("awaitProducersMoved");
  }

  @Test
  void abortAfterTheOldConsumersStoppedRestartsThemOnTheSourceStopsTheNewOnesAndPointsProducersBack() {
    h.traffic.onConsumersMoved(request -> {
      for (int i = 1; ; i++) {
        RecordedHeartbeat.send(h.env, i);
        h.env.sleep(java.time.Duration.ofMinutes(5));
      }
    });
    h.start(new MigrationPlan(plan().name(), plan().scheme(), "source", "target", plan().topics(), null, plan().consumerGroups(),
        plan().clients(), TestPlans.NO_GATES, TestPlans.waits(java.time.Duration.ofMinutes(5), java.time.Duration.ofHours(1))));
    java.util.concurrent.CompletableFuture<MigrationReport> result = h.resultInBackground();
    h.awaitProgress("the source group emptying", p -> "verify-consumers".equals(p.phase()));

    h.workflow.abort(new io.kmigrate.workflows.gates.AbortRequest("target consumers fail", "carol"));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> result.get(30, java.util.concurrent.TimeUnit.SECONDS));
    assertThat(h.workflow.progress().rollback().repointedBack())
        .containsExactly(TestPlans.CONSUMER, TestPlans.PRODUCER, NEW_CONSUMER + " stopped");
    assertThat(h.repoint.requests()).extracting(r -> r.client().name() + " " + r.action() + " " + r.cluster()).containsExactly(
        NEW_CONSUMER + " POINT target", TestPlans.PRODUCER + " POINT target", TestPlans.CONSUMER + " STOP source",
        TestPlans.CONSUMER + " POINT source", TestPlans.PRODUCER + " POINT source", NEW_CONSUMER + " STOP target");
  }
}
