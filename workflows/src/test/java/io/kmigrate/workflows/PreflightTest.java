package io.kmigrate.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.workflows.contract.Finding;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.kmigrate.workflows.progress.Progress;
import io.kmigrate.workflows.progress.StepRecord;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A plan that fails preflight changes nothing and says why. */
@Timeout(60)
class PreflightTest {
  private final MigrationHarness h = new MigrationHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void preflightWithFindingsFailsTheWorkflowNonRetryablyListingEachFinding() {
    Finding missing = new Finding("topics", "topic 'payments' does not exist on source");
    Finding acl = new Finding("acl", "the worker may not describe groups on target");
    h.preflight.findings(missing, acl);
    h.start(TestPlans.plan());

    ApplicationFailure failure = h.failure();

    assertThat(failure.getType()).isEqualTo("PreflightFailed");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .startsWith("preflight failed: ")
        .contains("topics: topic 'payments' does not exist on source")
        .contains("acl: the worker may not describe groups on target");
    assertThat(failure.getDetails().get(Finding[].class)).containsExactly(missing, acl);
    assertThat(h.calls.calls()).containsExactly("preflight");
    assertThat(h.store.statuses()).containsExactly("RUNNING", "FAILED");

    Progress end = h.workflow.progress();
    assertThat(end.status()).isEqualTo(MigrationStatus.FAILED);
    assertThat(end.failure()).contains("preflight failed");
    assertThat(end.steps()).singleElement().satisfies(s -> {
      assertThat(s.name()).isEqualTo("preflight");
      assertThat(s.status()).isEqualTo("failed");
      assertThat(s.detail()).startsWith("preflight failed: ").contains("topic 'payments' does not exist on source");
    });
  }

  @Test
  void passingPreflightResolvesTheTopicsTheMigrationMoves() {
    h.start(TestPlans.plan(TestPlans.NO_GATES));

    MigrationReport report = h.result();

    assertThat(report.topics()).isEqualTo(TestPlans.TOPICS);
    assertThat(report.prepared().created()).isEqualTo(TestPlans.TOPICS);
    assertThat(report.steps().get(0)).extracting(StepRecord::detail).isEqualTo("2 topic(s) ready to move");
  }
}
