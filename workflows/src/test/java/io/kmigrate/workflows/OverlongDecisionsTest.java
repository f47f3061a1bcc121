package io.kmigrate.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kmigrate.config.GateName;
import io.kmigrate.config.InputLimits;
import io.kmigrate.workflows.contract.AuditAction;
import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.kmigrate.workflows.gates.AbortRequest;
import io.kmigrate.workflows.gates.GateDecision;
import io.kmigrate.workflows.progress.Progress;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14, item 2, inside the workflow: a decision or abort sent straight through Temporal is held
 * to the same limits as the API's (an update is refused, a signal is cut and marked), and an audit
 * entry the store refuses for its data never keeps a migration from ending.
 */
@Timeout(60)
class OverlongDecisionsTest {
  private final MigrationHarness h = new MigrationHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void anUpdateWithAnOverLongCommentIsRefusedNamingTheFieldAndItsLimit() {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);

    WorkflowUpdateException e = catchThrowableOfType(WorkflowUpdateException.class,
        () -> h.workflow.reject(new GateDecision(GateName.PRODUCER_CUTOVER, "alice", "x".repeat(5000))));

    assertThat(((ApplicationFailure) e.getCause()).getOriginalMessage()).isEqualTo("comment: at most 4,000 characters, got 5,000: shorten it");
    assertThat(h.workflow.progress().openGate().name()).as("the gate stays open").isEqualTo(GateName.PRODUCER_CUTOVER);
    assertThat(h.workflow.progress().decisions()).isEmpty();
  }

  @Test
  void anUpdateWhosePersonIsOverLongOrHoldsAControlCharacterIsRefused() {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);

    WorkflowUpdateException longBy = catchThrowableOfType(WorkflowUpdateException.class,
        () -> h.workflow.approve(new GateDecision(GateName.PRODUCER_CUTOVER, "b".repeat(300), "ok")));
    WorkflowUpdateException escape = catchThrowableOfType(WorkflowUpdateException.class,
        () -> h.stub.update(MigrationControl.ABORT, String.class, new AbortRequest("done\u001b[2J", "carol")));

    assertThat(longBy.getCause()).hasMessageContaining("by: at most 200 characters, got 300");
    assertThat(escape.getCause()).hasMessageContaining("reason: must not hold control characters (U+001B at position 4)");
    assertThat(h.workflow.progress().openGate().name()).isEqualTo(GateName.PRODUCER_CUTOVER);
  }

  @Test
  void aSignalWithOverLongValuesIsTakenCutToTheLimitsAndMarkedAsCut() {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);

    h.workflow.rejectSignal(new GateDecision(GateName.PRODUCER_CUTOVER, "b".repeat(300), "c".repeat(5000)));

    ApplicationFailure failure = h.failure();
    assertThat(failure.getType()).isEqualTo(MigrationWorkflowBase.ABORTED_FAILURE);
    AuditEntry rejected = h.store.audit().get(0);
    assertThat(rejected.action()).isEqualTo(AuditAction.REJECTED);
    assertThat(rejected.by()).hasSize(InputLimits.BY).endsWith("[cut: 300 characters in all]");
    assertThat(rejected.comment()).hasSize(InputLimits.COMMENT).startsWith("ccc").endsWith("[cut: 5,000 characters in all]");
    assertThat(h.store.statuses()).last().isEqualTo("ABORTED");
  }

  @Test
  void anAbortSignalWithAnOverLongReasonAbortsWithTheReasonCut() {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);

    h.workflow.abortSignal(new AbortRequest("r".repeat(5000), "carol"));

    assertThat(h.failure().getOriginalMessage()).contains("aborted by carol: rrr").contains("[cut: 5,000 characters in all]");
    assertThat(h.store.audit()).extracting(AuditEntry::comment).allSatisfy(c -> assertThat(c).hasSizeLessThanOrEqualTo(InputLimits.COMMENT));
    assertThat(h.store.statuses()).last().isEqualTo("ABORTED");
  }

  @Test
  void anAuditEntryTheStoreRefusesForGoodIsShownInProgressAndTheMigrationStillEnds() {
    h.store.refuseAudits(AuditAction.ABORTED);
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);

    h.stub.update(MigrationControl.ABORT, String.class, new AbortRequest("target not ready", "carol"));

    assertThat(h.failure().getType()).isEqualTo(MigrationWorkflowBase.ABORTED_FAILURE);
    assertThat(h.store.statuses()).as("the end is recorded after the refused entries").last().isEqualTo("ABORTED");
    Progress end = h.workflow.progress();
    assertThat(end.status()).isEqualTo(MigrationStatus.ABORTED);
    assertThat(end.storeProblems()).hasSize(2).allSatisfy(p -> assertThat(p)
        .contains("audit entry 'aborted'").contains("by carol").contains("SQLState 22001"));
  }

  @Test
  void ignoredSignalsAreKeptOnlyUpToABoundWithACountOfTheOlderOnes() {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);

    for (int i = 0; i < 60; i++) {
      h.workflow.approveSignal(new GateDecision(GateName.CONSUMER_CUTOVER, "mallory", "spam " + i));
    }

    Progress p = h.awaitProgress("60 signals ignored", q -> !q.ignoredSignals().isEmpty() && q.ignoredSignals().get(0).startsWith("10 older"));
    assertThat(p.ignoredSignals()).hasSize(51);
    assertThat(p.ignoredSignals().get(0)).isEqualTo("10 older ignored signal(s) not kept");
    assertThat(p.openGate().name()).isEqualTo(GateName.PRODUCER_CUTOVER);
  }
}
