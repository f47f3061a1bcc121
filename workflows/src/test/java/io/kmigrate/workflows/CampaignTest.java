package io.kmigrate.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmigrate.config.CampaignPlan;
import io.kmigrate.config.FailurePolicy;
import io.kmigrate.config.GateName;
import io.kmigrate.workflows.campaign.CampaignProgress;
import io.kmigrate.workflows.campaign.CampaignStatus;
import io.kmigrate.workflows.campaign.UnitState;
import io.kmigrate.workflows.campaign.UnitStatus;
import io.kmigrate.workflows.campaign.WaveDecision;
import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.gates.AbortRequest;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.kmigrate.workflows.gates.GateDecision;
import io.kmigrate.workflows.progress.Progress;
import io.kmigrate.workflows.visibility.MigrationSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A campaign runs its units as the real scheme workflows (against the fake activities) in waves,
 * each started by a person: wave 1 holds {@code slow} (both cutover gates required) and
 * {@code quick} (no gate), wave 2 holds {@code last}. Rejecting slow's producer cutover aborts it:
 * a unit that did not complete.
 */
class CampaignTest {
  final MigrationHarness h = new MigrationHarness();

  @AfterEach
  void close() {
    h.close();
  }

  CampaignPlan campaign(FailurePolicy onFailure) {
    return campaign(onFailure, List.of(List.of("slow", "quick"), List.of("last")));
  }

  CampaignPlan campaign(FailurePolicy onFailure, List<List<String>> waves) {
    return new CampaignPlan("fleet", onFailure, waves, List.of(
        TestPlans.named("slow", TestPlans.plan()),
        TestPlans.named("quick", TestPlans.plan(TestPlans.NO_GATES)),
        TestPlans.named("last", TestPlans.plan(TestPlans.NO_GATES))));
  }

  WorkflowStub start(CampaignPlan plan) {
    Campaign campaign = h.client.newWorkflowStub(Campaign.class,
        WorkflowOptions.newBuilder().setWorkflowId(plan.name()).setTaskQueue(MigrationControl.TASK_QUEUE).build());
    WorkflowClient.start(campaign::run, plan);
    return WorkflowStub.fromTyped(campaign);
  }

  static CampaignProgress await(WorkflowStub campaign, String what, Predicate<CampaignProgress> until) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    CampaignProgress last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = campaign.query(Campaign.PROGRESS, CampaignProgress.class);
        if (until.test(last)) {
          return last;
        }
      } catch (RuntimeException notYet) {
        // the first workflow task has not run
      }
      Thread.sleep(10);
    }
    throw new AssertionError("timed out waiting for " + what + "; last: " + last);
  }

  /**
   * The campaign's end, read through its progress query: a client waiting for a workflow's result
   * lets the test server skip time, which would run the units' long waits out (see MigrationHarness).
   */
  static CampaignProgress ended(WorkflowStub campaign) throws Exception {
    return await(campaign, "the campaign to end", p -> p.status().ended());
  }

  DecisionRecord approveWave(WorkflowStub campaign, int wave, String... skip) {
    return campaign.update(Campaign.APPROVE_WAVE, DecisionRecord.class, new WaveDecision(wave, "olga", "go", List.of(skip), "10.0.0.1"));
  }

  /** Rejects slow's producer cutover once it is open: slow aborts before anything moved. */
  void slowIsRejected() throws Exception {
    awaitSlowAtItsGate();
    h.client.newUntypedWorkflowStub("slow").update("reject", DecisionRecord.class,
        new GateDecision(GateName.PRODUCER_CUTOVER, "olga", "not this week"));
  }

  void awaitSlowAtItsGate() throws Exception {
    WorkflowStub slow = h.client.newUntypedWorkflowStub("slow");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      try {
        Progress p = slow.query("progress", Progress.class);
        if (p.openGate() != null && p.openGate().name().equals(GateName.PRODUCER_CUTOVER)) {
          break;
        }
      } catch (RuntimeException notYet) {
        // not started yet
      }
      assertThat(System.nanoTime()).as("slow's producer-cutover gate opens").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  static Map<String, UnitStatus> units(CampaignProgress p) {
    return p.waves().stream().flatMap(List::stream).collect(Collectors.toMap(UnitState::unit, UnitState::status));
  }

  @Test
  void underStopAUnitThatDidNotCompleteInWaveOneKeepsWaveTwoFromStarting() throws Exception {
    WorkflowStub campaign = start(campaign(FailurePolicy.STOP));
    CampaignProgress open = await(campaign, "wave 1's gate", p -> Integer.valueOf(1).equals(p.openWave()));
    assertThat(open.status()).isEqualTo(CampaignStatus.WAITING_FOR_APPROVAL);
    assertThat(units(open)).containsEntry("slow", UnitStatus.PENDING).containsEntry("last", UnitStatus.PENDING);

    assertThat(approveWave(campaign, 1).gate()).isEqualTo("wave-1");
    slowIsRejected();
    CampaignProgress ended = ended(campaign);

    assertThat(ended.status()).isEqualTo(CampaignStatus.FAILED);
    assertThat(units(ended)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "slow", UnitStatus.ABORTED, "quick", UnitStatus.COMPLETED, "last", UnitStatus.NOT_STARTED));
    assertThat(h.store.audit()).anyMatch(e -> e.migrationId().equals("quick") && e.action().id().equals("started")
        && e.by().equals("olga") && e.comment().startsWith("campaign fleet, wave 1"));
  }

  @Test
  void underContinueWaveTwoStillRunsAndTheCampaignEndsFailedWithEveryUnitsOutcome() throws Exception {
    WorkflowStub campaign = start(campaign(FailurePolicy.CONTINUE));
    await(campaign, "wave 1's gate", p -> Integer.valueOf(1).equals(p.openWave()));
    approveWave(campaign, 1);
    slowIsRejected();
    await(campaign, "wave 2's gate", p -> Integer.valueOf(2).equals(p.openWave()));
    approveWave(campaign, 2);
    CampaignProgress ended = ended(campaign);

    assertThat(ended.status()).isEqualTo(CampaignStatus.FAILED);
    assertThat(units(ended)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "slow", UnitStatus.ABORTED, "quick", UnitStatus.COMPLETED, "last", UnitStatus.COMPLETED));
    assertThat(ended.decisions()).extracting(DecisionRecord::gate).containsExactly("wave-1", "wave-2");
  }

  @Test
  void aSkippedUnitNeverStartsOnlyTheOpenWaveIsDecidedAndStoppingAtAWaveEndsTheCampaign() throws Exception {
    WorkflowStub campaign = start(campaign(FailurePolicy.STOP));
    await(campaign, "wave 1's gate", p -> Integer.valueOf(1).equals(p.openWave()));
    assertThatThrownBy(() -> approveWave(campaign, 2)).isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("wave 2 of campaign fleet is not open: wave 1 is");
    assertThatThrownBy(() -> approveWave(campaign, 1, "nobody")).isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("skip: 'nobody' is not a unit of wave 1");

    approveWave(campaign, 1, "slow");
    await(campaign, "wave 2's gate", p -> Integer.valueOf(2).equals(p.openWave()));
    campaign.update(Campaign.STOP_AT_WAVE, DecisionRecord.class, new WaveDecision(2, "olga", "enough for today", List.of(), null));
    CampaignProgress ended = ended(campaign);

    assertThat(ended.status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(units(ended)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "slow", UnitStatus.SKIPPED, "quick", UnitStatus.COMPLETED, "last", UnitStatus.NOT_STARTED));
  }

  /** A script that saw the campaign end and then asked Temporal found it still running (CI, once). */
  @Test
  void aCampaignSaysItEndedOnlyOnceItsAuditLogIsWrittenAndItsWorkflowIsClosing() throws Exception {
    WorkflowStub campaign = start(campaign(FailurePolicy.STOP));
    await(campaign, "wave 1's gate", p -> Integer.valueOf(1).equals(p.openWave()));
    h.store.holdAudits();
    campaign.update(Campaign.STOP_AT_WAVE, DecisionRecord.class, new WaveDecision(1, "olga", "not today", List.of(), null));

    CampaignProgress closing = await(campaign, "its units marked not started",
        p -> units(p).values().stream().allMatch(s -> s == UnitStatus.NOT_STARTED));
    assertThat(closing.status()).isEqualTo(CampaignStatus.RUNNING);
    assertThat(closing.openWave()).isNull();
    assertThatThrownBy(() -> campaign.update(Campaign.ABORT, String.class, new AbortRequest("too late", "olga", null)))
        .isInstanceOf(WorkflowUpdateException.class).hasStackTraceContaining("campaign fleet is over: STOPPED");

    h.store.releaseAudits();
    assertThat(ended(campaign).status()).isEqualTo(CampaignStatus.STOPPED);
    assertThat(h.store.audit()).extracting(AuditEntry::gate).contains("wave-1");
  }

  /**
   * Slow alone in wave 1, held at its producer-cutover gate: nothing of it moved, so its abort ends
   * it at once. (A unit aborted after its clients moved rolls back first: the schemes' own tests
   * cover that, with the time skipping a rollback's waits need.)
   */
  @Test
  void anAbortAbortsTheRunningUnitsAndNoFurtherWaveStarts() throws Exception {
    WorkflowStub campaign = start(campaign(FailurePolicy.CONTINUE, List.of(List.of("slow"), List.of("quick", "last"))));
    await(campaign, "wave 1's gate", p -> Integer.valueOf(1).equals(p.openWave()));
    approveWave(campaign, 1);
    awaitSlowAtItsGate();

    String answer = campaign.update(Campaign.ABORT, String.class, new AbortRequest("target cluster degraded", "olga", null));
    CampaignProgress ended = ended(campaign);

    assertThat(answer).startsWith("aborting campaign fleet");
    assertThat(ended.status()).isEqualTo(CampaignStatus.ABORTED);
    assertThat(units(ended).get("slow")).isEqualTo(UnitStatus.ABORTED);
    assertThat(units(ended)).containsEntry("quick", UnitStatus.NOT_STARTED).containsEntry("last", UnitStatus.NOT_STARTED);
    assertThat(ended.waves().get(0).stream().filter(u -> u.unit().equals("slow")).findFirst().orElseThrow().detail())
        .contains("campaign fleet aborted: target cluster degraded");
  }

  @Test
  void eachUnitCarriesItsCampaignAsASearchAttributeOnceItsPreflightFoundThemRegistered() throws Exception {
    MigrationSearchAttributes.types().forEach((name, type) -> h.env.registerSearchAttribute(name, type));
    h.preflight.searchAttributesRegistered(true);
    WorkflowStub campaign = start(campaign(FailurePolicy.CONTINUE));
    await(campaign, "wave 1 to open", p -> p.openWave() != null);
    approveWave(campaign, 1);
    awaitSlowAtItsGate();

    assertThat(h.client.newUntypedWorkflowStub("slow").describe().getTypedSearchAttributes().get(MigrationSearchAttributes.CAMPAIGN))
        .isEqualTo("fleet");
    // Left running: the harness closes the test server (an abort rolling slow back may outlast a test's wait there).
  }
}
