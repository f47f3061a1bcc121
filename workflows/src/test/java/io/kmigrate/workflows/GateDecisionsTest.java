package io.kmigrate.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.kmigrate.config.GateConfig;
import io.kmigrate.config.GateName;
import io.kmigrate.config.GateTimeoutAction;
import io.kmigrate.config.Gates;
import io.kmigrate.workflows.contract.AuditAction;
import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.kmigrate.workflows.contract.RollbackReport;
import io.kmigrate.workflows.gates.AbortRequest;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.kmigrate.workflows.gates.GateDecision;
import io.kmigrate.workflows.gates.OpenGate;
import io.kmigrate.workflows.progress.Progress;
import io.kmigrate.workflows.progress.StepRecord;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What approve, reject and abort do at each gate, by update and by signal, and gate timeouts. */
@Timeout(60)
class GateDecisionsTest {
  private final MigrationHarness h = new MigrationHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void approvingAGateThatIsNotOpenIsRejectedByTheValidatorAndChangesNothing() {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);

    WorkflowUpdateException e =
        catchThrowableOfType(WorkflowUpdateException.class, () -> h.approve(GateName.CONSUMER_CUTOVER, "alice"));

    assertThat(e).as("the update should be rejected").isNotNull();
    assertThat(e.getCause()).isInstanceOf(ApplicationFailure.class);
    assertThat(((ApplicationFailure) e.getCause()).getOriginalMessage())
        .contains("gate 'consumer-cutover' is not open")
        .contains("the open gate is 'producer-cutover'");
    Progress after = h.workflow.progress();
    assertThat(after.openGate().name()).isEqualTo(GateName.PRODUCER_CUTOVER);
    assertThat(after.decisions()).isEmpty();
    assertThat(h.repoint.requests()).isEmpty();
    assertThat(h.store.audit()).isEmpty();
    assertThat(h.client.fetchHistory(h.workflowId).getEvents())
        .as("a rejected update leaves no trace in history")
        .noneMatch(ev -> ev.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED);

    h.approve(GateName.PRODUCER_CUTOVER, "alice");
    h.awaitGate(GateName.CONSUMER_CUTOVER);
    h.approve(GateName.CONSUMER_CUTOVER, "alice");
    assertThat(h.result().status()).isEqualTo(MigrationStatus.COMPLETED);
  }

  @Test
  void rejectingAGateThatIsNotOpenIsRejectedByTheValidator() {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);

    WorkflowUpdateException e =
        catchThrowableOfType(WorkflowUpdateException.class, () -> h.reject(GateName.DRAIN_TIMEOUT, "alice"));

    assertThat(e.getCause()).hasMessageContaining("gate 'drain-timeout' is not open");
    assertThat(h.workflow.progress().decisions()).isEmpty();
  }

  @Test
  void decisionWithoutAPersonIsRejectedByTheValidator() {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);

    WorkflowUpdateException e =
        catchThrowableOfType(
            WorkflowUpdateException.class,
            () -> h.workflow.approve(new GateDecision(GateName.PRODUCER_CUTOVER, " ", null)));

    assertThat(e.getCause()).hasMessageContaining("name the person deciding");
    assertThat(h.workflow.progress().openGate().name()).isEqualTo(GateName.PRODUCER_CUTOVER);
  }

  @Test
  void signalForAGateThatIsNotOpenIsRecordedAsIgnored() {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);

    h.workflow.approveSignal(new GateDecision(GateName.CONSUMER_CUTOVER, "mallory", "too early"));

    Progress p = h.awaitProgress("the signal to be ignored", q -> !q.ignoredSignals().isEmpty());
    assertThat(p.ignoredSignals())
        .singleElement()
        .asString()
        .contains("approve ignored")
        .contains("gate 'consumer-cutover' is not open");
    assertThat(p.openGate().name()).isEqualTo(GateName.PRODUCER_CUTOVER);
    assertThat(p.decisions()).isEmpty();
    assertThat(h.repoint.requests()).isEmpty();
  }

  @Test
  void rejectingProducerCutoverAbortsTheMigrationBeforeAnyRepoint() {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);

    DecisionRecord no = h.workflow.reject(new GateDecision(GateName.PRODUCER_CUTOVER, "alice", "not today"));
    assertThat(no.action()).isEqualTo(AuditAction.REJECTED);

    ApplicationFailure failure = h.failure();

    assertThat(failure.getType()).isEqualTo(MigrationWorkflowBase.ABORTED_FAILURE).isEqualTo("MigrationAborted");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("alice").contains("producer-cutover rejected: not today");
    assertThat(h.repoint.requests()).isEmpty();
    assertThat(h.traffic.drainRequests()).isEmpty();
    assertThat(h.store.statuses()).containsExactly("RUNNING", "ABORTED");
    assertThat(h.store.audit())
        .extracting(AuditEntry::gate, AuditEntry::action, AuditEntry::by)
        .containsExactly(tuple(GateName.PRODUCER_CUTOVER, AuditAction.REJECTED, "alice"), tuple(null, AuditAction.ABORTED, "alice"));
    Progress end = h.workflow.progress();
    assertThat(end.status()).isEqualTo(MigrationStatus.ABORTED);
    assertThat(end.phase()).isEqualTo("aborted");
    assertThat(end.openGate()).isNull();
  }

  @Test
  void abortBeforeProducerCutoverAbortsTheMigration() {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);

    String answer = h.stub.update(MigrationControl.ABORT, String.class, new AbortRequest("wrong target cluster", "carol"));
    assertThat(answer).contains("abort accepted");

    ApplicationFailure failure = h.failure();

    assertThat(failure.getType()).isEqualTo("MigrationAborted");
    assertThat(failure.getOriginalMessage()).contains("aborted by carol: wrong target cluster");
    assertThat(h.repoint.requests()).isEmpty();
    assertThat(h.store.statuses()).containsExactly("RUNNING", "ABORTED");
    assertThat(h.store.audit())
        .extracting(AuditEntry::gate, AuditEntry::action, AuditEntry::by, AuditEntry::comment)
        .containsExactly(
            tuple(GateName.PRODUCER_CUTOVER, AuditAction.ABORTED, "carol", "wrong target cluster"),
            tuple(null, AuditAction.ABORTED, "carol", "wrong target cluster"));
  }

  @Test
  void anAbortedMigrationSaysWhatPrepareTargetLeftOnTheTargetWhereARunningOneSaysNothingYet() {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);
    assertThat(h.workflow.progress().leftOnTarget()).as("running: nothing is left yet").isNull();

    h.stub.update(MigrationControl.ABORT, String.class, new AbortRequest("wrong target cluster", "carol"));
    h.failure();

    assertThat(h.workflow.progress().leftOnTarget()).satisfies(left -> {
      assertThat(left.topicsCreated()).isEqualTo(TestPlans.TOPICS);
      assertThat(left.aclsCreatedTotal()).isZero();
    });
  }

  @Test
  void abortWithoutAReasonIsRejectedByTheValidator() {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);

    WorkflowUpdateException e =
        catchThrowableOfType(WorkflowUpdateException.class, () -> h.workflow.abort(new AbortRequest("", "carol")));

    assertThat(e.getCause()).hasMessageContaining("say why");
    assertThat(h.workflow.progress().openGate().name()).isEqualTo(GateName.PRODUCER_CUTOVER);
  }

  @Test
  void abortAfterProducerCutoverRollsTheProducersBackVerifiesItAndAnswersASecondAbortWithoutRerunning() {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);
    h.approve(GateName.PRODUCER_CUTOVER, "alice");
    h.awaitGate(GateName.CONSUMER_CUTOVER);

    String answer = h.stub.update(MigrationControl.ABORT, String.class, new AbortRequest("target misbehaves", "carol"));
    assertThat(answer).contains("pointed back to source");

    ApplicationFailure failure = h.failure();
    assertThat(failure.getType()).isEqualTo(MigrationWorkflowBase.ABORTED_FAILURE);
    assertThat(failure.getOriginalMessage()).contains("aborted by carol: target misbehaves", "rolled back");
    RollbackReport rollback = failure.getDetails().get(RollbackReport.class);
    assertThat(rollback.repointedBack()).containsExactly(TestPlans.PRODUCER);
    assertThat(rollback.producersBack()).isTrue();
    assertThat(h.repoint.requests()).extracting(r -> r.client().name() + "->" + r.cluster())
        .containsExactly(TestPlans.PRODUCER + "->target", TestPlans.PRODUCER + "->source");
    assertThat(h.calls.calls()).containsSubsequence("awaitProducersMoved", "awaitDrained", "awaitProducersMoved", "lagSnapshot");
    Progress p = h.workflow.progress();
    assertThat(p.status()).isEqualTo(MigrationStatus.ABORTED);
    assertThat(p.rollback()).isEqualTo(rollback);
    assertThat(p.steps()).extracting(StepRecord::name).endsWith("rollback-repoint", "rollback-verify-producers", "stranded-on-target");
    assertThat(h.store.audit()).extracting(e -> e.action().id()).contains("aborted", "rolled-back");
    assertThat(h.store.statuses()).containsExactly("RUNNING", "ABORTED");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.stub.update(MigrationControl.ABORT, String.class, new AbortRequest("again", "dave")))
        .as("a finished workflow refuses the second abort")
        .isInstanceOf(io.temporal.client.WorkflowException.class);
    assertThat(h.repoint.requests()).as("and nothing is rolled back twice").hasSize(2);
  }

  @Test
  void aSecondAbortWhileTheFirstIsRollingBackIsAnsweredNotRerun() {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);
    h.approve(GateName.PRODUCER_CUTOVER, "alice");
    h.awaitGate(GateName.CONSUMER_CUTOVER);

    h.workflow.abortSignal(new AbortRequest("first", "carol"));
    h.workflow.abortSignal(new AbortRequest("second", "dave"));

    assertThat(h.failure().getOriginalMessage()).contains("aborted by carol: first");
    assertThat(h.workflow.progress().ignoredSignals()).singleElement().asString().contains("already aborted by carol");
    assertThat(h.repoint.requests()).filteredOn(r -> r.cluster().equals("source")).hasSize(1);
  }

  @Test
  void abortWhileConsumersAreVerifiedOnTheTargetPointsConsumersThenProducersBackAndReportsWhatIsStranded() {
    h.traffic.onConsumersMoved(request -> {
      for (int i = 1; ; i++) {
        RecordedHeartbeat.send(h.env, i); // throws once the workflow cancelled the wait
        h.env.sleep(Duration.ofMinutes(5));
      }
    });
    h.traffic.lagLeft(7);
    h.start(TestPlans.plan(TestPlans.NO_GATES, TestPlans.waits(Duration.ofMinutes(5), Duration.ofHours(1))));
    CompletableFuture<MigrationReport> result = h.resultInBackground();
    h.awaitProgress("consumers being verified", p -> "verify-consumers".equals(p.phase()));

    h.workflow.abort(new AbortRequest("consumers misbehave on target", "carol"));

    assertThat(catchThrowableOfType(java.util.concurrent.ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS))).isNotNull();
    RollbackReport rollback = h.workflow.progress().rollback();
    assertThat(rollback.repointedBack()).containsExactly(TestPlans.CONSUMER, TestPlans.PRODUCER);
    assertThat(rollback.strandedTotal()).isEqualTo(7);
    assertThat(rollback.stranded()).singleElement().satisfies(p -> {
      assertThat(p.group()).isEqualTo(TestPlans.GROUP);
      assertThat(p.lag()).isEqualTo(7);
    });
    assertThat(h.repoint.requests()).extracting(r -> r.client().name() + "->" + r.cluster()).containsExactly(
        TestPlans.PRODUCER + "->target", TestPlans.CONSUMER + "->target", TestPlans.CONSUMER + "->source", TestPlans.PRODUCER + "->source");
  }

  @Test
  void abortBeforeAnyClientMovedStopsWithoutARollback() {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);

    h.workflow.abort(new AbortRequest("not today", "carol"));

    ApplicationFailure failure = h.failure();
    assertThat(failure.getOriginalMessage()).isEqualTo("aborted by carol: not today");
    assertThat(h.workflow.progress().rollback()).isNull();
    assertThat(h.repoint.requests()).isEmpty();
    assertThat(h.calls.calls()).doesNotContain("lagSnapshot");
  }

  @Test
  void abortDuringTheDrainCancelsTheWaitAndRollsBack() {
    ReleasableDrain drain = new ReleasableDrain(h.env, Duration.ofMinutes(5));
    h.traffic.onDrain(drain);
    h.start(TestPlans.plan(TestPlans.NO_GATES, TestPlans.waits(Duration.ofMinutes(5), Duration.ofHours(1))));
    CompletableFuture<MigrationReport> result = h.resultInBackground();
    h.awaitProgress("the drain", p -> "drain-source".equals(p.phase()));

    h.workflow.abort(new AbortRequest("drain takes too long", "carol"));

    Throwable failed = catchThrowableOfType(java.util.concurrent.ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS));
    assertThat(failed).isNotNull();
    Progress p = h.workflow.progress();
    assertThat(p.status()).isEqualTo(MigrationStatus.ABORTED);
    assertThat(p.rollback().repointedBack()).containsExactly(TestPlans.PRODUCER);
    assertThat(p.steps()).filteredOn(s -> s.name().equals("drain-source")).singleElement()
        .satisfies(s -> assertThat(s.status()).isEqualTo("failed"));
    assertThat(h.repoint.requests()).extracting(r -> r.client().name()).doesNotContain(TestPlans.CONSUMER);
  }

  @Test
  void producerCutoverTimeoutWithOnTimeoutAbortAbortsAfterTheTimeout() {
    GateConfig abortAfterAnHour = new GateConfig(true, Duration.ofHours(1), GateTimeoutAction.ABORT);
    h.start(TestPlans.plan(new Gates(abortAfterAnHour, null)));
    OpenGate gate = h.awaitGate(GateName.PRODUCER_CUTOVER);

    ApplicationFailure failure = h.failure(); // waiting for the result lets test time run

    assertThat(failure.getType()).isEqualTo("MigrationAborted");
    assertThat(failure.getOriginalMessage()).contains("gate 'producer-cutover' timed out after PT1H");
    assertThat(h.repoint.requests()).isEmpty();
    assertThat(h.store.statuses()).containsExactly("RUNNING", "ABORTED");
    AuditEntry timedOut = h.store.audit().get(0);
    assertThat(timedOut.gate()).isEqualTo(GateName.PRODUCER_CUTOVER);
    assertThat(timedOut.action()).isEqualTo(AuditAction.TIMED_OUT);
    assertThat(timedOut.by()).isEqualTo("kmigrate");
    assertThat(Duration.between(Instant.parse(gate.openedAt()), Instant.parse(timedOut.at())))
        .isGreaterThanOrEqualTo(Duration.ofHours(1));
    assertThat(h.store.audit()).extracting(e -> e.action().id()).containsExactly("timed-out", "aborted");
  }

  @Test
  void gateTimeoutWithKeepWaitingRecordsAReminderAndTheGateStaysOpen() {
    GateConfig remindAfterAnHour = new GateConfig(true, Duration.ofHours(1), GateTimeoutAction.KEEP_WAITING);
    h.start(TestPlans.plan(new Gates(remindAfterAnHour, null)));
    OpenGate gate = h.awaitGate(GateName.PRODUCER_CUTOVER);

    h.env.sleep(Duration.ofMinutes(61));

    Progress p = h.awaitProgress("a reminder", q -> !q.decisions().isEmpty());
    DecisionRecord reminder = p.decisions().get(0);
    assertThat(reminder.gate()).isEqualTo(GateName.PRODUCER_CUTOVER);
    assertThat(reminder.action()).isEqualTo(AuditAction.REMINDER);
    assertThat(reminder.by()).isEqualTo("kmigrate");
    assertThat(reminder.comment()).contains("still waiting after PT1H");
    assertThat(p.openGate()).as("the gate stays open").isEqualTo(gate);
    assertThat(h.repoint.requests()).isEmpty();

    h.approve(GateName.PRODUCER_CUTOVER, "alice");
    h.awaitGate(GateName.CONSUMER_CUTOVER);
    h.approve(GateName.CONSUMER_CUTOVER, "bob");
    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.decisions())
        .extracting(DecisionRecord::gate, DecisionRecord::action)
        .containsExactly(
            tuple(GateName.PRODUCER_CUTOVER, AuditAction.REMINDER),
            tuple(GateName.PRODUCER_CUTOVER, AuditAction.APPROVED),
            tuple(GateName.CONSUMER_CUTOVER, AuditAction.APPROVED));
    assertThat(h.store.audit()).extracting(e -> e.action().id()).containsExactly("reminder", "approved", "approved");
    assertThat(report.steps()).extracting(StepRecord::status).containsOnly("done");
  }

  @Test
  void aMigrationCancelledThroughTemporalRecordsItsEndInTheStore() throws InterruptedException {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);

    io.temporal.client.WorkflowStub.fromTyped(h.workflow).cancel();

    h.awaitProgress("status CANCELLED", p -> MigrationStatus.CANCELLED == p.status());
    long deadline = System.currentTimeMillis() + 10_000;
    while (!h.store.statuses().contains("CANCELLED") && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(h.store.statuses()).containsExactly("RUNNING", "CANCELLED");
    assertThat(h.repoint.requests()).isEmpty();
  }

  @Test
  void aRejectionWithoutACommentAbortsWithACleanReason() {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);

    h.workflow.reject(new GateDecision(GateName.PRODUCER_CUTOVER, "alice", null));

    assertThat(h.failure().getOriginalMessage()).isEqualTo("aborted by alice: gate producer-cutover rejected");
  }
}
