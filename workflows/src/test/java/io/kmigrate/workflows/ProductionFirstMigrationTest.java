package io.kmigrate.workflows;

import static io.kmigrate.workflows.FakeRepoint.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.config.GateName;
import io.kmigrate.config.Gates;
import io.kmigrate.workflows.contract.AuditAction;
import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.kmigrate.workflows.gates.GateDecision;
import io.kmigrate.workflows.gates.OpenGate;
import io.kmigrate.workflows.progress.Progress;
import io.kmigrate.workflows.progress.StepRecord;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scheme 1 end to end: two approved cutovers move producers, drain the source, move consumers. */
@Timeout(60)
class ProductionFirstMigrationTest {
  /** The steps of a plan without the mirror (see {@link ProductionFirstWithMirrorTest} for the mirror's). */
  static final List<String> ALL_STEPS =
      List.of(
          "preflight",
          "prepare-target",
          "repoint-producers",
          "verify-producers",
          "drain-source",
          "repoint-consumers",
          "verify-consumers");

  private final MigrationHarness h = new MigrationHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void migrationCompletesWhenBothCutoversAreApprovedByUpdate() {
    h.start(TestPlans.plan());

    OpenGate producerGate = h.awaitGate(GateName.PRODUCER_CUTOVER);
    assertThat(producerGate.question()).contains(TestPlans.PRODUCER).contains("source").contains("target");
    Progress waiting = h.workflow.progress();
    assertThat(waiting.status()).isEqualTo(MigrationStatus.WAITING_FOR_APPROVAL);
    assertThat(waiting.phase()).isEqualTo("gate:" + GateName.PRODUCER_CUTOVER);
    assertThat(waiting.topics()).isEqualTo(TestPlans.TOPICS);
    assertThat(h.repoint.requests()).as("nothing repointed before approval").isEmpty();

    DecisionRecord approved = h.approve(GateName.PRODUCER_CUTOVER, "alice");
    assertThat(approved.gate()).isEqualTo(GateName.PRODUCER_CUTOVER);
    assertThat(approved.action()).isEqualTo(AuditAction.APPROVED);
    assertThat(approved.by()).isEqualTo("alice");

    h.awaitGate(GateName.CONSUMER_CUTOVER);
    assertThat(h.repoint.requests()).extracting(r -> r.client().name()).containsExactly(TestPlans.PRODUCER);
    // typed stub: the same update as h.approve(...)
    h.workflow.approve(new GateDecision(GateName.CONSUMER_CUTOVER, "bob", "drained, go"));

    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.workflowId()).isEqualTo(TestPlans.NAME);
    assertThat(report.scheme()).isEqualTo("production-first");
    assertThat(report.topics()).isEqualTo(TestPlans.TOPICS);
    assertThat(report.steps()).extracting(StepRecord::name).containsExactlyElementsOf(ALL_STEPS);
    assertThat(report.steps()).extracting(StepRecord::status).containsOnly("done");
    assertThat(report.producers().moved()).isTrue();
    assertThat(report.drained().totalLag()).isZero();
    assertThat(report.consumers().moved()).isTrue();
    assertThat(report.decisions())
        .extracting(DecisionRecord::gate, DecisionRecord::action, DecisionRecord::by)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(GateName.PRODUCER_CUTOVER, AuditAction.APPROVED, "alice"),
            org.assertj.core.groups.Tuple.tuple(GateName.CONSUMER_CUTOVER, AuditAction.APPROVED, "bob"));
  }

  @Test
  void producersAreRepointedAndVerifiedBeforeTheDrainAndConsumersAfterIt() {
    h.start(TestPlans.plan());
    h.approveBothCutovers();

    assertThat(h.calls.calls())
        .containsSubsequence(
            "preflight",
            "prepare-target",
            call(TestPlans.PRODUCER, "target"),
            "awaitProducersMoved",
            "awaitDrained",
            call(TestPlans.CONSUMER, "target"),
            "awaitConsumersMoved");
    assertThat(h.repoint.requests())
        .allSatisfy(r -> {
          assertThat(r.cluster()).isEqualTo("target");
          assertThat(r.migrationId()).isEqualTo(TestPlans.NAME);
        })
        .extracting(r -> r.client().name())
        .containsExactly(TestPlans.PRODUCER, TestPlans.CONSUMER);
    assertThat(h.traffic.drainRequests()).singleElement().satisfies(r -> {
      assertThat(r.cluster()).isEqualTo("source");
      assertThat(r.groups()).containsExactly(TestPlans.GROUP);
      assertThat(r.acknowledgedStalls()).isEmpty();
    });
  }

  @Test
  void statusAndEveryDecisionAreRecordedInTheStore() {
    h.start(TestPlans.plan());
    h.approveBothCutovers();

    assertThat(h.store.statuses()).containsExactly("RUNNING", "COMPLETED");
    assertThat(h.store.audit())
        .extracting(AuditEntry::migrationId, AuditEntry::gate, AuditEntry::action, AuditEntry::by, AuditEntry::comment)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(TestPlans.NAME, GateName.PRODUCER_CUTOVER, AuditAction.APPROVED, "alice", "go"),
            org.assertj.core.groups.Tuple.tuple(TestPlans.NAME, GateName.CONSUMER_CUTOVER, AuditAction.APPROVED, "bob", "go"));
    assertThat(h.store.audit()).allSatisfy(e -> assertThat(e.at()).isNotBlank());
  }

  @Test
  void approvalBySignalWorksLikeTheUpdate() {
    h.start(TestPlans.plan());

    h.awaitGate(GateName.PRODUCER_CUTOVER);
    h.workflow.approveSignal(new GateDecision(GateName.PRODUCER_CUTOVER, "alice", "by signal"));
    h.awaitGate(GateName.CONSUMER_CUTOVER);
    h.stub.signal(MigrationControl.APPROVE_SIGNAL, new GateDecision(GateName.CONSUMER_CUTOVER, "bob", "by signal"));

    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.steps()).extracting(StepRecord::name).containsExactlyElementsOf(ALL_STEPS);
    assertThat(report.decisions()).extracting(d -> d.action().id()).containsExactly("approved", "approved");
    assertThat(h.store.audit()).extracting(AuditEntry::by).containsExactly("alice", "bob");
    assertThat(h.workflow.progress().ignoredSignals()).isEmpty();
  }

  @Test
  void gatesThePlanDoesNotRequireNeverOpen() {
    h.start(TestPlans.plan(TestPlans.NO_GATES));

    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.steps()).extracting(StepRecord::name).containsExactlyElementsOf(ALL_STEPS);
    assertThat(report.decisions()).isEmpty();
    assertThat(h.store.audit()).isEmpty();
  }

  @Test
  void rejectingConsumerCutoverMeansNotYetAndTheGateOpensAgain() {
    h.start(TestPlans.plan(Gates.defaults()));
    h.awaitGate(GateName.PRODUCER_CUTOVER);
    h.approve(GateName.PRODUCER_CUTOVER, "alice");
    OpenGate first = h.awaitGate(GateName.CONSUMER_CUTOVER);

    DecisionRecord no = h.reject(GateName.CONSUMER_CUTOVER, "bob");
    assertThat(no.action()).isEqualTo(AuditAction.REJECTED);

    OpenGate again = h.awaitGateReopened(GateName.CONSUMER_CUTOVER, first.openedAt());
    assertThat(again.question()).isEqualTo(first.question());
    assertThat(h.repoint.requests()).extracting(r -> r.client().name()).containsExactly(TestPlans.PRODUCER);

    h.approve(GateName.CONSUMER_CUTOVER, "bob");
    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.decisions())
        .extracting(DecisionRecord::gate, DecisionRecord::action)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(GateName.PRODUCER_CUTOVER, AuditAction.APPROVED),
            org.assertj.core.groups.Tuple.tuple(GateName.CONSUMER_CUTOVER, AuditAction.REJECTED),
            org.assertj.core.groups.Tuple.tuple(GateName.CONSUMER_CUTOVER, AuditAction.APPROVED));
  }
}
