package io.kmigrate.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmigrate.config.GateName;
import io.kmigrate.workflows.contract.AuditAction;
import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.kmigrate.workflows.gates.AbortRequest;
import io.kmigrate.workflows.progress.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A decision's audit write does not stand between the decision and the step it lets run, yet the
 * audit log stays complete and in order: the next gate opens, and the migration's end is recorded
 * (completed, aborted or cancelled), only once every earlier decision is stored.
 */
@Timeout(60)
class AuditWritesTest {
  private final MigrationHarness h = new MigrationHarness();

  @AfterEach
  void close() {
    h.store.releaseAudits();
    h.close();
  }

  @Test
  void theStepAnApprovalLetsRunStartsWhileItsAuditWriteIsStillRunning() {
    approveProducerCutoverWhileTheDatabaseHoldsAuditWrites();

    h.awaitProgress("the producers repointed", p -> !h.repoint.requests().isEmpty());
    assertThat(h.repoints()).containsExactly(TestPlans.PRODUCER + " POINT target");
    assertThat(h.store.audit()).as("the approval is still being written").isEmpty();
  }

  @Test
  void theNextGateOpensOnlyOnceTheDecisionsBeforeItAreInTheAuditLog() {
    approveProducerCutoverWhileTheDatabaseHoldsAuditWrites();

    Progress reached = awaitConsumerCutoverPhase();
    assertThat(reached.openGate()).as("not open while the approval before it is unwritten").isNull();
    assertThat(reached.status()).isEqualTo(MigrationStatus.RUNNING);

    h.store.releaseAudits();
    h.awaitGate(GateName.CONSUMER_CUTOVER);
    assertThat(h.store.audit()).extracting(AuditEntry::gate, AuditEntry::action)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(GateName.PRODUCER_CUTOVER, AuditAction.APPROVED));

    h.approve(GateName.CONSUMER_CUTOVER, "bob");
    h.result();
    assertThat(h.store.writes()).containsExactly("status RUNNING", "audit approved", "audit approved", "status COMPLETED");
  }

  @Test
  void anAbortWhileADecisionIsBeingWrittenIsLoggedAfterItAndTheEndIsRecordedLast() {
    approveProducerCutoverWhileTheDatabaseHoldsAuditWrites();
    awaitConsumerCutoverPhase();

    h.stub.update(MigrationControl.ABORT, String.class, new AbortRequest("target misbehaves", "carol"));
    h.store.releaseAudits();
    h.failure();

    assertThat(h.store.audit()).extracting(e -> e.action() + "|" + e.gate())
        .as("the gate that was opening closes as aborted, like an open one")
        .containsExactly("approved|" + GateName.PRODUCER_CUTOVER, "aborted|" + GateName.CONSUMER_CUTOVER, "aborted|null", "rolled-back|null");
    assertThat(h.store.writes()).last().isEqualTo("status ABORTED");
    assertThat(h.repoints()).containsExactly(TestPlans.PRODUCER + " POINT target", TestPlans.PRODUCER + " POINT source");
  }

  @Test
  void aCancelThroughTemporalWhileADecisionIsBeingWrittenStillWritesItAndRecordsTheEndAfterIt() {
    approveProducerCutoverWhileTheDatabaseHoldsAuditWrites();
    awaitConsumerCutoverPhase();

    h.stub.cancel();
    h.store.releaseAudits();
    assertThatThrownBy(h::result).isInstanceOf(io.temporal.client.WorkflowFailedException.class);

    assertThat(h.store.writes()).containsExactly("status RUNNING", "audit approved", "status CANCELLED");
  }

  private void approveProducerCutoverWhileTheDatabaseHoldsAuditWrites() {
    h.start(TestPlans.plan());
    h.awaitGate(GateName.PRODUCER_CUTOVER);
    h.store.holdAudits();
    h.approve(GateName.PRODUCER_CUTOVER, "alice");
  }

  /** The phase names the gate in the same workflow task that opens it, unless the gate waits for the audit log. */
  private Progress awaitConsumerCutoverPhase() {
    return h.awaitProgress("the consumer-cutover phase", p -> p.phase().equals("gate:" + GateName.CONSUMER_CUTOVER));
  }
}
