package io.kmigrate.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.kmigrate.config.GateName;
import io.kmigrate.workflows.contract.AuditAction;
import io.kmigrate.workflows.contract.DrainRequest;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.kmigrate.workflows.gates.OpenGate;
import io.kmigrate.workflows.progress.StepRecord;
import io.temporal.api.enums.v1.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The drain: maxWait, stalled groups, and a wait of days that stays cheap in history. */
@Timeout(60)
class LongWaitTest {
  private final MigrationHarness h = new MigrationHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private static StepRecord step(MigrationReport report, String name) {
    return report.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void drainOutlivingMaxWaitOpensDrainTimeoutRejectKeepsWaitingApproveProceeds() throws Exception {
    Duration poll = Duration.ofMinutes(5); // heartbeat timeout: 3 polls
    Duration maxWait = Duration.ofHours(1);
    ReleasableDrain drain = new ReleasableDrain(h.env, poll);
    h.traffic.onDrain(drain);
    h.start(TestPlans.plan(TestPlans.NO_GATES, TestPlans.waits(poll, maxWait)));
    CompletableFuture<MigrationReport> result = h.resultInBackground();

    OpenGate first = h.awaitGate(GateName.DRAIN_TIMEOUT);
    assertThat(first.question()).contains("the source drained").contains("PT1H");
    assertThat(h.workflow.progress().status()).isEqualTo(MigrationStatus.WAITING_FOR_APPROVAL);

    h.reject(GateName.DRAIN_TIMEOUT, "alice");
    OpenGate second = h.awaitGateReopened(GateName.DRAIN_TIMEOUT, first.openedAt());

    assertThat(Duration.between(Instant.parse(first.openedAt()), Instant.parse(second.openedAt())))
        .as("the gate opens again only after another maxWait")
        .isGreaterThanOrEqualTo(maxWait);
    assertThat(h.traffic.drainRequests()).as("the same wait goes on, not a new one").hasSize(1);
    assertThat(h.repoint.requests()).extracting(r -> r.client().name()).containsExactly(TestPlans.PRODUCER);

    h.approve(GateName.DRAIN_TIMEOUT, "bob");
    MigrationReport report = result.get(30, TimeUnit.SECONDS);

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(step(report, "drain-source").detail()).isEqualTo("approved without drain");
    assertThat(report.drained()).isNull();
    assertThat(report.decisions())
        .extracting(DecisionRecord::gate, DecisionRecord::action, DecisionRecord::by)
        .containsExactly(tuple(GateName.DRAIN_TIMEOUT, AuditAction.REJECTED, "alice"), tuple(GateName.DRAIN_TIMEOUT, AuditAction.APPROVED, "bob"));
    assertThat(h.repoint.requests())
        .extracting(r -> r.client().name())
        .containsExactly(TestPlans.PRODUCER, TestPlans.CONSUMER);
    assertThat(drain.polls()).as("the drain polled through both maxWaits").isGreaterThanOrEqualTo(24);
    assertThat(h.client.fetchHistory(h.workflowId).getEvents())
        .as("the abandoned drain activity is cancelled")
        .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED);
  }

  @Test
  void drainFinishingWhileTheTimeoutGateIsOpenClosesTheGateByItself() throws Exception {
    Duration poll = Duration.ofMinutes(5);
    ReleasableDrain drain = new ReleasableDrain(h.env, poll);
    h.traffic.onDrain(drain);
    h.start(TestPlans.plan(TestPlans.NO_GATES, TestPlans.waits(poll, Duration.ofHours(1))));
    CompletableFuture<MigrationReport> result = h.resultInBackground();
    h.awaitGate(GateName.DRAIN_TIMEOUT);

    drain.release();
    MigrationReport report = result.get(30, TimeUnit.SECONDS);

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(step(report, "drain-source").detail()).isEqualTo("drained");
    assertThat(report.drained()).isNotNull();
    assertThat(report.decisions()).singleElement().satisfies(d -> {
      assertThat(d.gate()).isEqualTo(GateName.DRAIN_TIMEOUT);
      assertThat(d.action()).isEqualTo(AuditAction.RESOLVED);
      assertThat(d.by()).isEqualTo("kmigrate");
    });
    assertThat(h.client.fetchHistory(h.workflowId).getEvents())
        .as("the drain that finished is not cancelled")
        .noneMatch(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED);
  }

  @Test
  void stalledGroupOpensDrainStalledAndRejectingAcknowledgesTheStallInTheNextWait() {
    AtomicInteger calls = new AtomicInteger();
    h.traffic.onDrain(request -> calls.incrementAndGet() == 1 ? FakeTraffic.stalled(42) : FakeTraffic.drained());
    h.start(TestPlans.plan(TestPlans.NO_GATES));

    OpenGate gate = h.awaitGate(GateName.DRAIN_STALLED);
    assertThat(gate.question()).contains(TestPlans.GROUP + " stalled with lag 42");
    assertThat(h.workflow.progress().lastLag().totalLag()).isEqualTo(42);
    assertThat(h.repoint.requests()).extracting(r -> r.client().name()).containsExactly(TestPlans.PRODUCER);

    h.reject(GateName.DRAIN_STALLED, "alice");
    MigrationReport report = h.result();

    assertThat(h.traffic.drainRequests())
        .extracting(DrainRequest::acknowledgedStalls)
        .containsExactly(java.util.List.of(), java.util.List.of(TestPlans.GROUP));
    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(step(report, "drain-source").detail()).isEqualTo("drained");
    assertThat(report.drained().totalLag()).isZero();
    assertThat(report.decisions())
        .extracting(DecisionRecord::gate, DecisionRecord::action)
        .containsExactly(tuple(GateName.DRAIN_STALLED, AuditAction.REJECTED));
  }

  @Test
  void aDrainHeldByAnOpenTransactionOpensItsOwnGateNamingTheTransactionAndKeepsWaitingWhenRejected() {
    AtomicInteger calls = new AtomicInteger();
    h.traffic.onDrain(request -> calls.incrementAndGet() == 1 ? FakeTraffic.heldByTransaction(5) : FakeTraffic.drained());
    h.start(TestPlans.plan(TestPlans.NO_GATES));

    OpenGate gate = h.awaitGate(GateName.OPEN_TRANSACTION);
    assertThat(gate.question()).contains(TestPlans.GROUP + " transaction_open with lag 5")
        .contains("transaction 'payments-tx'").contains("open on orders-0 from offset 95");
    assertThat(gate.approveMeans()).contains("what the transaction commits later stays on the source");

    h.reject(GateName.OPEN_TRANSACTION, "alice");
    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(step(report, "drain-source").detail()).isEqualTo("drained");
    assertThat(h.traffic.drainRequests()).extracting(DrainRequest::acknowledgedStalls)
        .containsExactly(java.util.List.of(), java.util.List.of(TestPlans.GROUP));
  }

  @Test
  void approvingAStalledGroupRepointsConsumersWithTheLagLeftBehind() {
    h.traffic.onDrain(request -> FakeTraffic.stalled(42));
    h.start(TestPlans.plan(TestPlans.NO_GATES));
    h.awaitGate(GateName.DRAIN_STALLED);

    h.approve(GateName.DRAIN_STALLED, "alice");
    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(h.traffic.drainRequests()).hasSize(1);
    assertThat(step(report, "drain-source").detail()).isEqualTo("approved with lag 42");
    assertThat(report.drained().totalLag()).isEqualTo(42);
    assertThat(h.repoint.requests())
        .extracting(r -> r.client().name())
        .containsExactly(TestPlans.PRODUCER, TestPlans.CONSUMER);
  }

  @Test
  void threeDayDrainFinishesWithFewHistoryEvents() {
    // pollInterval 1h: heartbeat timeout 3h; maxWait 4 days: no gate during a 3-day drain
    h.traffic.onDrain(
        request -> {
          for (int hour = 1; hour <= 72; hour++) {
            h.env.sleep(Duration.ofHours(1));
            RecordedHeartbeat.send(h.env, hour); // Activity.getExecutionContext().heartbeat(hour), once recorded
          }
          return FakeTraffic.drained();
        });
    h.start(TestPlans.plan(TestPlans.NO_GATES, TestPlans.waits(Duration.ofHours(1), Duration.ofDays(4))));

    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    StepRecord drain = step(report, "drain-source");
    assertThat(drain.detail()).isEqualTo("drained");
    assertThat(Duration.between(Instant.parse(drain.startedAt()), Instant.parse(drain.endedAt())))
        .isGreaterThanOrEqualTo(Duration.ofHours(72));
    assertThat(report.decisions()).isEmpty();
    assertThat(h.traffic.drainRequests()).as("one activity, no retries").hasSize(1);
    int events = h.historyEvents();
    System.out.println("3-day drain: " + events + " history events");
    assertThat(events).isLessThan(80);
  }
}
