package io.kmigrate.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kmigrate.config.GateName;
import io.kmigrate.workflows.contract.AuditAction;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.kmigrate.workflows.gates.OpenGate;
import io.kmigrate.workflows.progress.StepRecord;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A principal that cannot log in to the target holds the migration before anything changes:
 * only a person can create a credential, so approve checks again and reject aborts.
 */
@Timeout(60)
class PrincipalsMissingTest {
  private final MigrationHarness h = new MigrationHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void approvingChecksAgainAndTheGateReopensUntilEveryPrincipalCanLogIn() throws Exception {
    h.preflight.missingPrincipals(List.of("User:orders-api", "User:billing"), List.of("User:billing"), List.of());
    h.start(TestPlans.plan(TestPlans.NO_GATES));

    OpenGate first = h.awaitGate(GateName.PRINCIPALS_MISSING);
    assertThat(first.question()).contains("User:orders-api, User:billing").contains("kafka-configs");
    assertThat(first.rejectMeans()).contains("abort");
    assertThat(h.calls.calls()).as("nothing is prepared while a principal cannot log in").containsExactly("preflight");

    h.approve(GateName.PRINCIPALS_MISSING, "alice");
    OpenGate second = h.awaitProgress("the gate open again for the one still missing",
        p -> p.openGate() != null && p.openGate().name().equals(GateName.PRINCIPALS_MISSING) && !p.openGate().question().contains("orders-api")).openGate();
    assertThat(second.question()).contains("User:billing").doesNotContain("orders-api");
    h.approve(GateName.PRINCIPALS_MISSING, "alice");

    MigrationReport report = h.result();
    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(h.calls.calls()).containsSubsequence("preflight", "missingPrincipals", "missingPrincipals", "prepare-target");
    assertThat(report.steps()).extracting(StepRecord::name, StepRecord::detail).contains(
        tuple("principals-recheck", "still missing: User:billing"),
        tuple("principals-recheck", "every principal can log in to target"));
    assertThat(report.decisions()).extracting(DecisionRecord::gate, DecisionRecord::action).containsExactly(
        tuple(GateName.PRINCIPALS_MISSING, AuditAction.APPROVED), tuple(GateName.PRINCIPALS_MISSING, AuditAction.APPROVED));
    h.assertReplays(ProductionFirstMigrationImpl.class);
  }

  @Test
  void whenTheSamePrincipalsAreStillMissingASecondApprovalProceedsWithoutThem() {
    h.preflight.missingPrincipals(List.of("User:CN=orders-api"), List.of("User:CN=orders-api"));
    h.start(TestPlans.plan(TestPlans.NO_GATES));
    h.awaitGate(GateName.PRINCIPALS_MISSING);
    h.approve(GateName.PRINCIPALS_MISSING, "alice");

    OpenGate again = h.awaitProgress("the gate open again, now offering to proceed",
        p -> p.openGate() != null && p.openGate().question().startsWith("still no SCRAM credential")).openGate();
    assertThat(again.approveMeans()).startsWith("proceed without them");
    h.approve(GateName.PRINCIPALS_MISSING, "alice");

    assertThat(h.result().status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(h.calls.calls()).as("checked once again, not twice").containsSubsequence("preflight", "missingPrincipals", "prepare-target")
        .filteredOn("missingPrincipals"::equals).hasSize(1);
  }

  @Test
  void rejectingAbortsWithNothingChanged() {
    h.preflight.missingPrincipals(List.of("User:orders-api"));
    h.start(TestPlans.plan(TestPlans.NO_GATES));
    h.awaitGate(GateName.PRINCIPALS_MISSING);

    h.reject(GateName.PRINCIPALS_MISSING, "alice");

    ApplicationFailure failure = h.failure();
    assertThat(failure.getType()).isEqualTo(MigrationWorkflowBase.ABORTED_FAILURE);
    assertThat(failure.getOriginalMessage()).contains("principals missing on target");
    assertThat(h.calls.calls()).containsExactly("preflight");
    assertThat(h.store.statuses()).containsExactly("RUNNING", "ABORTED");
  }
}
