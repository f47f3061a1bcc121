package io.kmigrate.workflows;

import static io.kmigrate.workflows.FakeRepoint.call;
import static io.kmigrate.workflows.TestPlans.CONSUMER;
import static io.kmigrate.workflows.TestPlans.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.GateName;
import io.kmigrate.config.Gates;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.RepointStrategy;
import io.kmigrate.config.Webhook;
import io.kmigrate.workflows.contract.ApplyOffsetsRequest;
import io.kmigrate.workflows.contract.AuditAction;
import io.kmigrate.workflows.contract.GroupTranslation;
import io.kmigrate.workflows.contract.HandoverMethod;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.kmigrate.workflows.contract.MirrorWaitRequest;
import io.kmigrate.workflows.contract.TranslationStatus;
import io.kmigrate.workflows.gates.AbortRequest;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.kmigrate.workflows.gates.OpenGate;
import io.kmigrate.workflows.progress.Progress;
import io.kmigrate.workflows.progress.StepRecord;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scheme mirror-then-switch: MirrorMaker 2 keeps the target current, consumers move first at
 * translated offsets, producers are fenced until the mirror copied their last records and resume
 * on the target; the mirror then copies what a late producer still wrote to the source, stops,
 * and the copy is verified up to there. A mirror that fails, falls behind with producers fenced,
 * or an incomplete translation asks a person; nothing moves on a partial translation or without
 * the last records copied. An abort puts every client back on the source; however the migration
 * ends other than completed, the mirror is stopped.
 */
@Timeout(60)
class MirrorThenSwitchWorkflowTest {
  private static final List<String> ALL_STEPS =
      List.of(
          "preflight",
          "prepare-target",
          "start-mirror",
          "mirror-caught-up",
          "stop-consumers-on-source",
          "translate-offsets",
          "write-translated-offsets",
          "repoint-consumers",
          "verify-consumers-joined",
          "fence-producers",
          "mirror-last-records",
          "repoint-producers",
          "verify-producers",
          "mirror-drained",
          "stop-mirror",
          "verify-copy",
          "verify-consumers");

  /** The happy path's repoints: consumers stop on the source and start on the target, then the producers. */
  private static final List<String> ALL_REPOINTS =
      List.of(CONSUMER + " STOP source", CONSUMER + " POINT target", PRODUCER + " STOP source", PRODUCER + " POINT target");

  /** A connector's failure as Connect reports it: the exception with its trace. */
  private static final String CONNECTOR_TRACE =
      "connector source->target.MirrorSourceConnector task 0 FAILED: org.apache.kafka.connect.errors.ConnectException:"
          + " topic orders: UnknownTopicOrPartitionException\n"
          + "\tat org.apache.kafka.connect.mirror.MirrorSourceTask.poll(MirrorSourceTask.java:142)\n"
          + "\tat org.apache.kafka.connect.runtime.AbstractWorkerSourceTask.poll(AbstractWorkerSourceTask.java:462)";

  private final MigrationHarness h = new MigrationHarness();

  @AfterEach
  void close() {
    h.close();
  }


  private static ApplicationFailure connectorFailed() {
    return ApplicationFailure.newNonRetryableFailure(CONNECTOR_TRACE, "MirrorConnectorFailed");
  }

  // (a)

  @Test
  void withGatesOffConsumersMoveAtTranslatedOffsetsThenFencedProducersResumeOnTheTargetOnceTheLastRecordsAreCopied() {
    h.start(TestPlans.mirrorPlan(TestPlans.NO_GATES));

    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.scheme()).isEqualTo("mirror-then-switch");
    assertThat(report.steps()).extracting(StepRecord::name).containsExactlyElementsOf(ALL_STEPS);
    assertThat(report.steps()).extracting(StepRecord::status).containsOnly("done");
    assertThat(report.decisions()).isEmpty();
    assertThat(h.repoints()).as("consumers stop, move; producers are fenced on the source, then move")
        .containsExactlyElementsOf(ALL_REPOINTS);
    assertThat(h.calls.calls()).containsExactly(
        "preflight",
        "prepare-target",
        "startMirror",
        "awaitMirrorCaughtUp:keeping-up",
        "stop " + call(CONSUMER, "source"),
        "awaitOffsetsTranslated",
        "applyTranslatedOffsets",
        call(CONSUMER, "target"),
        "awaitConsumersJoined:target:joined",
        "stop " + call(PRODUCER, "source"),
        "awaitMirrorCaughtUp:last-records",
        call(PRODUCER, "target"),
        "awaitProducersMoved",
        "awaitMirrorCaughtUp:last-records",
        "stopMirror",
        "verifyCopy",
        "awaitConsumersMoved");
  }

  @Test
  void theMirrorCopiesThePlansTopicsAndBothWaitsAfterTheFenceAreForTheLastRecordReportingAfterMaxWait() {
    h.start(TestPlans.mirrorPlan(TestPlans.NO_GATES));
    h.result();

    h.mirror.assertMirroredThePlanOnce(TestPlans.FAST_WAITS.maxWait().toMillis(),
        "keeping up: no deadline of its own (the workflow's maxWait timer); to the last record: reports after maxWait");
    assertThat(h.mirror.stops()).as("the mirror is stopped once, after the producers moved and it copied what was left")
        .containsExactly(h.mirror.starts().get(0));
  }

  @Test
  void theTranslationIsWrittenOnlyOnceCompleteAndTheReportShowsTranslationCopyAndFence() {
    h.start(TestPlans.mirrorPlan(TestPlans.NO_GATES));

    MigrationReport report = h.result();

    assertThat(h.mirror.applied()).singleElement().satisfies(a -> {
      assertThat(a.target()).isEqualTo("target");
      assertThat(a.translation().complete()).isTrue();
    });
    MirrorOutcome mirror = report.mirror();
    assertThat(mirror).isNotNull();
    assertThat(mirror.connect()).isEqualTo(FakeMirror.CONNECT);
    assertThat(mirror.caughtUp()).as("how the mirror first caught up, the copy's rate")
        .satisfies(c -> {
          assertThat(c.caughtUp()).isTrue();
          assertThat(c.partitions()).isEqualTo(FakeMirror.KEEPING_UP);
          assertThat(c.backlogMs()).isEqualTo(60_000);
          assertThat(c.backlogOffsets()).isEqualTo(140);
        });
    assertThat(mirror.translation().summary()).isEqualTo("groups translated 1 of 1");
    assertThat(mirror.translation().applied()).as("the translation as written to the target").isTrue();
    assertThat(mirror.copy()).isEqualTo(FakeMirror.verification(FakeMirror.DRAINED));
    assertThat(mirror.copy().checksumsMatch()).isTrue();
    assertThat(mirror.fenceMs()).isGreaterThanOrEqualTo(0);
    assertThat(MigrationHarness.steps(report.steps(), "translate-offsets")).singleElement()
        .satisfies(s -> assertThat(s.detail()).startsWith("groups translated 1 of 1"));
    assertThat(MigrationHarness.steps(report.steps(), "verify-copy")).singleElement()
        .satisfies(s -> assertThat(s.detail()).contains("checksums match"));
  }

  @Test
  void afterProducersMovedTheMirrorCopiesWhatALateProducerWroteStopsAndTheCopyIsVerifiedUpToThere() {
    h.start(TestPlans.mirrorPlan(TestPlans.NO_GATES));
    MigrationReport report = h.result();

    assertThat(h.calls.calls()).as("the drained wait runs once producers are verified on the target; the mirror stops after it")
        .containsSubsequence(
            call(PRODUCER, "target"), "awaitProducersMoved", "awaitMirrorCaughtUp:last-records", "stopMirror", "verifyCopy");
    h.mirror.assertCopyVerifiedUpToTheDrainedEnds();
    assertThat(MigrationHarness.steps(report.steps(), "mirror-drained")).singleElement()
        .satisfies(s -> assertThat(s.detail()).isEqualTo("mirror lag 0 on 2 partition(s)"));
  }

  // (b)

  @Test
  void consumerCutoverThenProducerCutoverOpenInThatOrderAndEachMoveWaitsForItsApproval() throws Exception {
    h.start(TestPlans.mirrorPlan(Gates.defaults()));

    OpenGate consumerGate = h.awaitGate(GateName.CONSUMER_CUTOVER);
    assertThat(consumerGate.question()).contains(CONSUMER).contains("translated offsets");
    assertThat(h.workflow.progress().status()).isEqualTo(MigrationStatus.WAITING_FOR_APPROVAL);
    assertThat(h.calls.calls()).as("the mirror runs and keeps up before anyone is asked")
        .containsSubsequence("startMirror", "awaitMirrorCaughtUp:keeping-up");
    assertThat(h.repoint.requests()).as("no consumer stopped before approval").isEmpty();
    assertThat(h.mirror.translations()).isEmpty();

    h.approve(GateName.CONSUMER_CUTOVER, "bob");
    OpenGate producerGate = h.awaitGate(GateName.PRODUCER_CUTOVER);
    assertThat(producerGate.question()).contains(PRODUCER).contains("fence");
    assertThat(h.repoints()).as("consumers moved; no producer fenced before approval")
        .containsExactly(CONSUMER + " STOP source", CONSUMER + " POINT target");
    assertThat(h.mirror.waits()).extracting(MirrorWaitRequest::toTheLastRecord).containsExactly(false);

    h.approve(GateName.PRODUCER_CUTOVER, "alice");
    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.steps()).extracting(StepRecord::name).containsExactlyElementsOf(ALL_STEPS);
    assertThat(h.repoints()).containsExactlyElementsOf(ALL_REPOINTS);
    assertThat(report.decisions())
        .extracting(DecisionRecord::gate, DecisionRecord::action, DecisionRecord::by)
        .containsExactly(
            tuple(GateName.CONSUMER_CUTOVER, AuditAction.APPROVED, "bob"),
            tuple(GateName.PRODUCER_CUTOVER, AuditAction.APPROVED, "alice"));
    h.assertReplays(MirrorThenSwitchImpl.class);
  }

  @Test
  void rejectingConsumerCutoverAbortsWithNoClientMovedAndStopsTheMirror() {
    h.start(TestPlans.mirrorPlan(Gates.defaults()));
    h.awaitGate(GateName.CONSUMER_CUTOVER);

    h.reject(GateName.CONSUMER_CUTOVER, "bob");

    ApplicationFailure failure = h.failure();
    assertThat(failure.getType()).isEqualTo(MigrationWorkflowBase.ABORTED_FAILURE);
    assertThat(failure.getOriginalMessage()).isEqualTo("aborted by bob: gate consumer-cutover rejected: not yet");
    assertThat(h.repoint.requests()).isEmpty();
    assertThat(h.mirror.stops()).as("the mirror it started is stopped").hasSize(1);
    Progress p = h.workflow.progress();
    assertThat(p.status()).isEqualTo(MigrationStatus.ABORTED);
    assertThat(p.rollback()).isNull();
    assertThat(p.steps()).extracting(StepRecord::name).endsWith("stop-mirror");
  }

  // (c)

  @Test
  void anIncompleteTranslationOpensOffsetsNotTranslatedAndApprovingChecksAgainBeforeConsumersMove() throws Exception {
    h.mirror.translationIncompleteFor(1, TranslationStatus.STALE);
    h.start(TestPlans.mirrorPlan(TestPlans.NO_GATES));

    OpenGate gate = h.awaitGate(GateName.OFFSETS_NOT_TRANSLATED);
    assertThat(gate.question())
        .contains("groups translated 0 of 1")
        .contains(TestPlans.GROUP + " STALE")
        .contains("checkpoint behind the committed offset");
    assertThat(h.workflow.progress().status()).isEqualTo(MigrationStatus.WAITING_FOR_APPROVAL);
    assertThat(h.repoints()).as("consumers are stopped on the source, not started on the target")
        .containsExactly(CONSUMER + " STOP source");
    assertThat(h.mirror.applied()).as("nothing written from a partial translation").isEmpty();

    h.approve(GateName.OFFSETS_NOT_TRANSLATED, "bob");
    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(h.mirror.translations()).as("approving checks again").hasSize(2);
    assertThat(h.mirror.applied()).singleElement()
        .extracting(ApplyOffsetsRequest::translation)
        .satisfies(t -> assertThat(t.complete()).isTrue());
    assertThat(h.calls.calls()).as("consumers start on the target only after the complete translation is written")
        .containsSubsequence("awaitOffsetsTranslated", "awaitOffsetsTranslated", "applyTranslatedOffsets", call(CONSUMER, "target"));
    assertThat(h.repoints()).containsExactlyElementsOf(ALL_REPOINTS);
    assertThat(MigrationHarness.steps(report.steps(), "translate-offsets")).extracting(StepRecord::detail)
        .satisfiesExactly(
            first -> assertThat(first).startsWith("groups translated 0 of 1").contains(TestPlans.GROUP + " stale"),
            second -> assertThat(second).startsWith("groups translated 1 of 1"));
    assertThat(report.mirror().translation().complete()).isTrue();
    assertThat(report.decisions())
        .extracting(DecisionRecord::gate, DecisionRecord::action, DecisionRecord::by)
        .containsExactly(tuple(GateName.OFFSETS_NOT_TRANSLATED, AuditAction.APPROVED, "bob"));
    h.assertReplays(MirrorThenSwitchImpl.class);
  }

  @Test
  void aTranslationStillIncompleteWhenCheckedAgainOpensTheGateAgain() {
    h.mirror.translationIncompleteFor(2, TranslationStatus.MISSING);
    h.start(TestPlans.mirrorPlan(TestPlans.NO_GATES));
    OpenGate first = h.awaitGate(GateName.OFFSETS_NOT_TRANSLATED);
    assertThat(first.question()).contains(TestPlans.GROUP + " MISSING");

    h.approve(GateName.OFFSETS_NOT_TRANSLATED, "bob");
    h.awaitGateReopened(GateName.OFFSETS_NOT_TRANSLATED, first.openedAt());
    assertThat(h.mirror.translations()).hasSize(2);
    assertThat(h.mirror.applied()).isEmpty();
    assertThat(h.repoints()).containsExactly(CONSUMER + " STOP source");

    h.approve(GateName.OFFSETS_NOT_TRANSLATED, "bob");
    assertThat(h.result().status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(h.mirror.applied()).allSatisfy(a -> assertThat(a.translation().complete()).isTrue()).hasSize(1);
  }

  @Test
  void offsetsTheRecordsDoNotProveExactOpenTheirGateAtOnceAndApprovingResumesAtMirrorMakersTranslation() throws Exception {
    h.mirror.translationIncompleteFor(1, TranslationStatus.NOT_EXACT);
    h.start(TestPlans.mirrorPlan(TestPlans.NO_GATES));

    OpenGate gate = h.awaitGate(GateName.OFFSETS_NOT_EXACT);
    assertThat(gate.question()).contains(TestPlans.GROUP + " NOT_EXACT").contains(FakeMirror.NOT_EXACT_BECAUSE);
    assertThat(gate.approveMeans()).contains("up to " + FakeMirror.NOT_EXACT_REREAD + " record(s) read again");
    assertThat(h.mirror.translations()).as("not exact is not waited out: a person decides at once").hasSize(1);
    assertThat(h.mirror.applied()).isEmpty();

    h.approve(GateName.OFFSETS_NOT_EXACT, "bob");
    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(h.mirror.applied()).singleElement().satisfies(a -> {
      GroupTranslation g = a.translation().groups().get(0);
      assertThat(g.status()).isEqualTo(TranslationStatus.APPROXIMATE);
      assertThat(g.partitions()).singleElement().satisfies(o -> {
        assertThat(o.method()).isEqualTo(HandoverMethod.APPROXIMATE);
        assertThat(o.translatedOffset()).as("MirrorMaker's translation: never ahead of the truth").isEqualTo(78);
      });
    });
    assertThat(report.mirror().translation().exactSummary()).isEqualTo("0 of 1 group-partitions");
    assertThat(report.decisions()).extracting(DecisionRecord::gate, DecisionRecord::action)
        .containsExactly(tuple(GateName.OFFSETS_NOT_EXACT, AuditAction.APPROVED));
    h.assertReplays(MirrorThenSwitchImpl.class);
  }

  @Test
  void rejectingOffsetsNotExactChecksTheRecordsAgainAndMovesAtTheExactOffset() {
    h.mirror.translationIncompleteFor(1, TranslationStatus.NOT_EXACT);
    h.start(TestPlans.mirrorPlan(TestPlans.NO_GATES));
    h.awaitGate(GateName.OFFSETS_NOT_EXACT);

    h.reject(GateName.OFFSETS_NOT_EXACT, "bob");

    assertThat(h.result().status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(h.mirror.translations()).hasSize(2);
    assertThat(h.mirror.applied()).singleElement().satisfies(a -> assertThat(a.translation().groups().get(0).partitions())
        .singleElement().satisfies(o -> {
          assertThat(o.method()).isEqualTo(HandoverMethod.EXACT);
          assertThat(o.translatedOffset()).isEqualTo(90);
        }));
    assertThat(h.repoints()).containsExactlyElementsOf(ALL_REPOINTS);
  }

  // (d)

  @Test
  void rejectingOffsetsNotTranslatedAbortsPointsTheConsumersBackAtTheSourceAndStopsTheMirror() throws Exception {
    h.mirror.translationIncompleteFor(Integer.MAX_VALUE, TranslationStatus.STALE);
    h.start(TestPlans.mirrorPlan(TestPlans.NO_GATES));
    h.awaitGate(GateName.OFFSETS_NOT_TRANSLATED);

    h.reject(GateName.OFFSETS_NOT_TRANSLATED, "bob");

    ApplicationFailure failure = h.failure();
    assertThat(failure.getType()).isEqualTo(MigrationWorkflowBase.ABORTED_FAILURE);
    assertThat(failure.getOriginalMessage()).isEqualTo(
        "aborted by bob: translate-offsets: groups translated 0 of 1; blocked: " + TestPlans.GROUP
            + " STALE (checkpoint behind the committed offset on orders-0): not yet (rolled back)");
    assertThat(h.repoints()).containsExactly(CONSUMER + " STOP source", CONSUMER + " POINT source");
    assertThat(h.mirror.applied()).isEmpty();
    assertThat(h.mirror.stops()).hasSize(1);
    assertThat(h.calls.calls()).as("the mirror is stopped after the consumers are back")
        .containsSubsequence(call(CONSUMER, "source"), "stopMirror");
    Progress p = h.workflow.progress();
    assertThat(p.status()).isEqualTo(MigrationStatus.ABORTED);
    assertThat(p.rollback().repointedBack()).containsExactly(CONSUMER);
    assertThat(p.steps()).extracting(StepRecord::name).as("no producer was repointed: none to verify back on the source")
        .endsWith("rollback-repoint", "stranded-on-target", "stop-mirror")
        .doesNotContain("rollback-verify-producers");
    assertThat(MigrationHarness.steps(p.steps(), "stop-mirror")).singleElement().extracting(StepRecord::status).isEqualTo("done");
    assertThat(h.store.statuses()).containsExactly("RUNNING", "ABORTED");
    h.assertReplays(MirrorThenSwitchImpl.class);
  }

  // (e)

  @Test
  void aFailingMirrorStepIsRecordedWithItsCauseOpensMirrorFailedAndApprovingRetriesIt() throws Exception {
    h.mirror.failNext(FakeMirror.CAUGHT_UP, connectorFailed());
    h.start(TestPlans.mirrorPlan(TestPlans.NO_GATES));

    OpenGate gate = h.awaitGate(GateName.MIRROR_FAILED);
    assertThat(gate.question()).isEqualTo("mirror-caught-up failed: " + CONNECTOR_TRACE);
    Progress p = h.workflow.progress();
    assertThat(p.status()).isEqualTo(MigrationStatus.WAITING_FOR_APPROVAL);
    assertThat(p.steps()).last().satisfies(s -> {
      assertThat(s.name()).isEqualTo("mirror-caught-up");
      assertThat(s.status()).isEqualTo("failed");
      assertThat(s.detail()).isEqualTo(CONNECTOR_TRACE);
    });
    assertThat(h.mirror.waits()).as("a non-retryable failure is not retried before a person sees it").hasSize(1);
    assertThat(h.repoint.requests()).isEmpty();

    h.approve(GateName.MIRROR_FAILED, "alice");
    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(MigrationHarness.steps(report.steps(), "mirror-caught-up")).extracting(StepRecord::status).containsExactly("failed", "done");
    assertThat(h.mirror.waits()).extracting(MirrorWaitRequest::toTheLastRecord).containsExactly(false, false, true, true);
    assertThat(h.repoints()).containsExactlyElementsOf(ALL_REPOINTS);
    assertThat(report.decisions())
        .extracting(DecisionRecord::gate, DecisionRecord::action, DecisionRecord::by)
        .containsExactly(tuple(GateName.MIRROR_FAILED, AuditAction.APPROVED, "alice"));
    h.assertReplays(MirrorThenSwitchImpl.class);
  }

  @Test
  void aMirrorFailingWhileProducersAreFencedKeepsThemFencedUntilAPersonDecides() {
    h.mirror.failNext(FakeMirror.LAST_RECORDS_WAIT, connectorFailed());
    h.start(TestPlans.mirrorPlan(TestPlans.NO_GATES));

    OpenGate gate = h.awaitGate(GateName.MIRROR_FAILED);
    assertThat(gate.question()).startsWith("mirror-last-records failed: ");
    assertThat(h.workflow.progress().status()).as("the workflow does not fail with producers fenced").isEqualTo(MigrationStatus.WAITING_FOR_APPROVAL);
    assertThat(h.repoints()).as("producers stay fenced, not moved")
        .containsExactly(CONSUMER + " STOP source", CONSUMER + " POINT target", PRODUCER + " STOP source");

    h.approve(GateName.MIRROR_FAILED, "alice");
    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(h.repoints()).containsExactlyElementsOf(ALL_REPOINTS);
    assertThat(MigrationHarness.steps(report.steps(), "mirror-last-records")).extracting(StepRecord::status).containsExactly("failed", "done");
    assertThat(report.mirror().copy()).isEqualTo(FakeMirror.verification(FakeMirror.DRAINED));
  }

  // (f)

  @Test
  void abortWhileProducersAreFencedRollsBackProducersAndConsumersToTheSourceVerifiesTheProducersThereAndStopsTheMirror()
      throws Exception {
    h.mirror.lagNeverZero(h.env, true);
    // maxWait far off: the abort arrives while the wait still polls, long before it would report.
    h.start(TestPlans.mirrorPlan(TestPlans.NO_GATES, TestPlans.waits(Duration.ofMinutes(1), Duration.ofDays(6))));
    CompletableFuture<MigrationReport> result = h.resultInBackground();
    h.awaitProgress("producers fenced while the mirror copies their last records", p -> "mirror-last-records".equals(p.phase()));
    assertThat(h.repoints()).containsExactly(CONSUMER + " STOP source", CONSUMER + " POINT target", PRODUCER + " STOP source");

    String answer = h.workflow.abort(new AbortRequest("the mirror does not catch up", "carol"));
    assertThat(answer).contains("pointed back to source");

    assertThat(catchThrowableOfType(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS))).isNotNull();
    Progress p = h.workflow.progress();
    assertThat(p.status()).isEqualTo(MigrationStatus.ABORTED);
    assertThat(p.failure()).contains("aborted by carol: the mirror does not catch up");
    assertThat(p.rollback().repointedBack()).as("each client group put back once, newest move first")
        .containsExactly(PRODUCER, CONSUMER);
    assertThat(h.repoints()).as("producers back on the source, then consumers")
        .containsExactly(
            CONSUMER + " STOP source", CONSUMER + " POINT target", PRODUCER + " STOP source",
            PRODUCER + " POINT source", CONSUMER + " POINT source");
    assertThat(MigrationHarness.steps(p.steps(), "rollback-repoint")).singleElement()
        .satisfies(s -> assertThat(s.detail()).isEqualTo("2 client group(s) rolled back to source"));
    assertThat(MigrationHarness.steps(p.steps(), "mirror-last-records")).singleElement().extracting(StepRecord::status).isEqualTo("failed");
    assertThat(MigrationHarness.steps(p.steps(), "rollback-verify-producers")).as("a producer only fenced is verified back on the source too")
        .singleElement().satisfies(s -> {
          assertThat(s.status()).isEqualTo("done");
          assertThat(s.detail()).isEqualTo("producers write to source again");
        });
    assertThat(p.rollback().producersBack()).isTrue();
    assertThat(h.mirror.stops()).as("the mirror is stopped").hasSize(1);
    assertThat(h.calls.calls()).as("producers back, verified there, then the mirror stopped")
        .containsSubsequence("stop " + call(PRODUCER, "source"), call(PRODUCER, "source"), "awaitProducersMoved", "stopMirror");
    assertThat(p.steps()).extracting(StepRecord::name)
        .endsWith("rollback-repoint", "rollback-verify-producers", "stranded-on-target", "stop-mirror");
    assertThat(h.mirror.verifications()).isEmpty();
    assertThat(h.store.statuses()).containsExactly("RUNNING", "ABORTED");
    h.assertReplays(MirrorThenSwitchImpl.class);
  }

  // (g) the mirror behind after maxWait

  @Test
  void aMirrorBehindAfterMaxWaitWhileProducersAreFencedOpensMirrorBehindAndApprovingKeepsThemFencedAndWaitsAgain()
      throws Exception {
    h.mirror.lastRecordsBehindFor(1);
    h.start(TestPlans.mirrorPlan(TestPlans.NO_GATES, TestPlans.waits(Duration.ofMinutes(5), Duration.ofHours(1))));

    OpenGate gate = h.awaitGate(GateName.MIRROR_BEHIND);
    assertThat(gate.question())
        .isEqualTo("the mirror has not copied the source's last records after PT1H: lag " + FakeMirror.BEHIND_LAG);
    assertThat(gate.approveMeans()).isEqualTo("keep waiting");
    assertThat(gate.rejectMeans()).contains("abort").contains("back to the source");
    assertThat(h.repoints()).as("producers stay fenced while the gate is open")
        .containsExactly(CONSUMER + " STOP source", CONSUMER + " POINT target", PRODUCER + " STOP source");
    assertThat(MigrationHarness.steps(h.workflow.progress().steps(), "mirror-last-records")).singleElement()
        .satisfies(s -> assertThat(s.detail()).isEqualTo("mirror lag " + FakeMirror.BEHIND_LAG + " on 2 partition(s)"));

    h.approve(GateName.MIRROR_BEHIND, "alice");
    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(h.calls.calls()).as("approving waits again with producers still fenced; they move only once the last records are copied")
        .containsSubsequence(
            "stop " + call(PRODUCER, "source"),
            "awaitMirrorCaughtUp:last-records",
            "awaitMirrorCaughtUp:last-records",
            call(PRODUCER, "target"),
            "awaitProducersMoved",
            "awaitMirrorCaughtUp:last-records",
            "stopMirror",
            "verifyCopy");
    assertThat(h.repoints()).containsExactlyElementsOf(ALL_REPOINTS);
    assertThat(MigrationHarness.steps(report.steps(), "mirror-last-records")).extracting(StepRecord::detail)
        .containsExactly("mirror lag " + FakeMirror.BEHIND_LAG + " on 2 partition(s)", "mirror lag 0 on 2 partition(s)");
    assertThat(h.mirror.waits()).extracting(MirrorWaitRequest::toTheLastRecord).containsExactly(false, true, true, true);
    assertThat(report.mirror().copy()).as("the copy is verified, up to what the drained wait returned")
        .isEqualTo(FakeMirror.verification(FakeMirror.DRAINED));
    assertThat(report.decisions())
        .extracting(DecisionRecord::gate, DecisionRecord::action, DecisionRecord::by)
        .containsExactly(tuple(GateName.MIRROR_BEHIND, AuditAction.APPROVED, "alice"));
    h.assertReplays(MirrorThenSwitchImpl.class);
  }

  @Test
  void rejectingMirrorBehindWhileProducersAreFencedAbortsAndPutsEveryClientBackOnTheSourceWithTheMirrorStopped()
      throws Exception {
    h.mirror.lastRecordsBehindFor(Integer.MAX_VALUE);
    h.start(TestPlans.mirrorPlan(TestPlans.NO_GATES, TestPlans.waits(Duration.ofMinutes(5), Duration.ofHours(1))));
    h.awaitGate(GateName.MIRROR_BEHIND);

    h.reject(GateName.MIRROR_BEHIND, "bob");

    ApplicationFailure failure = h.failure();
    assertThat(failure.getType()).isEqualTo(MigrationWorkflowBase.ABORTED_FAILURE);
    assertThat(failure.getOriginalMessage()).isEqualTo(
        "aborted by bob: mirror-last-records: the mirror has not copied the source's last records after PT1H: lag "
            + FakeMirror.BEHIND_LAG + ": not yet (rolled back)");
    assertThat(h.repoints()).as("the producers never point at the target; every client goes back to the source")
        .containsExactly(
            CONSUMER + " STOP source", CONSUMER + " POINT target", PRODUCER + " STOP source",
            PRODUCER + " POINT source", CONSUMER + " POINT source");
    Progress p = h.workflow.progress();
    assertThat(p.status()).isEqualTo(MigrationStatus.ABORTED);
    assertThat(p.rollback().repointedBack()).containsExactly(PRODUCER, CONSUMER);
    assertThat(p.rollback().producersBack()).isTrue();
    assertThat(p.steps()).extracting(StepRecord::name)
        .doesNotContain("repoint-producers", "mirror-drained", "verify-copy")
        .endsWith("rollback-repoint", "rollback-verify-producers", "stranded-on-target", "stop-mirror");
    assertThat(MigrationHarness.steps(p.steps(), "stop-mirror")).singleElement().extracting(StepRecord::status).isEqualTo("done");
    assertThat(h.mirror.stops()).hasSize(1);
    assertThat(h.mirror.verifications()).isEmpty();
    assertThat(h.calls.calls()).as("the mirror is stopped after the clients are back and the producers verified there")
        .containsSubsequence(call(PRODUCER, "source"), call(CONSUMER, "source"), "awaitProducersMoved", "stopMirror");
    assertThat(h.store.statuses()).containsExactly("RUNNING", "ABORTED");
    h.assertReplays(MirrorThenSwitchImpl.class);
  }

  @Test
  void aMirrorNotKeepingUpAfterMaxWaitOpensMirrorBehindAndApprovingMovesTheConsumersWithoutIt() throws Exception {
    Duration maxWait = Duration.ofHours(1);
    h.mirror.lagNeverZero(h.env, false);
    h.start(TestPlans.mirrorPlan(TestPlans.NO_GATES, TestPlans.waits(Duration.ofMinutes(5), maxWait)));
    CompletableFuture<MigrationReport> result = h.resultInBackground();

    OpenGate gate = h.awaitGate(GateName.MIRROR_BEHIND);
    assertThat(gate.question()).isEqualTo("the mirror keeping up with the source has not happened after PT1H");
    assertThat(gate.approveMeans()).isEqualTo("proceed without it");
    assertThat(gate.rejectMeans()).isEqualTo("keep waiting another PT1H");
    assertThat(h.repoint.requests()).as("nothing moved while the gate is open").isEmpty();

    h.approve(GateName.MIRROR_BEHIND, "alice");
    MigrationReport report = result.get(30, TimeUnit.SECONDS);

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(MigrationHarness.steps(report.steps(), "mirror-caught-up")).singleElement()
        .satisfies(s -> assertThat(s.detail()).isEqualTo("approved without the mirror caught up"));
    assertThat(report.mirror().caughtUp()).as("no keeping-up state to report").isNull();
    assertThat(report.steps()).extracting(StepRecord::name).containsExactlyElementsOf(ALL_STEPS);
    assertThat(report.mirror().copy()).as("the fence still waits for the last records, and the copy is verified")
        .isEqualTo(FakeMirror.verification(FakeMirror.DRAINED));
    h.assertReplays(MirrorThenSwitchImpl.class);
  }

  // (h) however the migration ends other than completed, the mirror is stopped

  @Test
  void aMirrorThatFailsToStartIsStillStoppedWhenRejectingMirrorFailedAbortsTheMigration() throws Exception {
    h.mirror.failNext(FakeMirror.STARTED, ApplicationFailure.newNonRetryableFailure(
        "Kafka Connect refused the request: connector source->target.MirrorCheckpointConnector: invalid config", "ConnectRejected"));
    h.start(TestPlans.mirrorPlan(TestPlans.NO_GATES));
    OpenGate gate = h.awaitGate(GateName.MIRROR_FAILED);
    assertThat(gate.question()).startsWith("start-mirror failed: Kafka Connect refused the request");

    h.reject(GateName.MIRROR_FAILED, "bob");

    ApplicationFailure failure = h.failure();
    assertThat(failure.getType()).isEqualTo(MigrationWorkflowBase.ABORTED_FAILURE);
    assertThat(failure.getOriginalMessage()).isEqualTo("aborted by bob: start-mirror failed: not yet");
    assertThat(h.mirror.stops()).as("a start whose answer was lost may have created connectors: they are deleted")
        .containsExactly(h.mirror.starts().get(0));
    assertThat(h.repoint.requests()).isEmpty();
    Progress p = h.workflow.progress();
    assertThat(p.status()).isEqualTo(MigrationStatus.ABORTED);
    assertThat(p.rollback()).isNull();
    assertThat(p.steps()).extracting(StepRecord::name, StepRecord::status)
        .endsWith(tuple("start-mirror", "failed"), tuple("stop-mirror", "done"));
    assertThat(h.store.statuses()).containsExactly("RUNNING", "ABORTED");
    h.assertReplays(MirrorThenSwitchImpl.class);
  }

  @Test
  void aMigrationFailingOnAClientStepAfterTheMirrorStartedStopsTheMirror() throws Exception {
    h.start(mirrorPlanWithWebhookConsumer());

    WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class, h::result);

    assertThat(failed.getCause()).isInstanceOf(ActivityFailure.class);
    assertThat(((ApplicationFailure) failed.getCause().getCause()).getType()).isEqualTo("WebhookRejected");
    Progress p = h.workflow.progress();
    assertThat(p.status()).isEqualTo(MigrationStatus.FAILED);
    assertThat(p.steps()).extracting(StepRecord::name, StepRecord::status)
        .endsWith(tuple("stop-consumers-on-source", "failed"), tuple("stop-mirror", "done"));
    assertThat(h.mirror.stops()).containsExactly(h.mirror.starts().get(0));
    assertThat(h.calls.calls()).as("nothing runs after the failure but stopping the mirror")
        .endsWith("awaitMirrorCaughtUp:keeping-up", "stopMirror");
    assertThat(h.store.statuses()).containsExactly("RUNNING", "FAILED");
    h.assertReplays(MirrorThenSwitchImpl.class);
  }

  @Test
  void aMigrationCancelledThroughTemporalWhileProducersAreFencedStopsTheMirror() throws Exception {
    h.mirror.lagNeverZero(h.env, true);
    h.start(TestPlans.mirrorPlan(TestPlans.NO_GATES, TestPlans.waits(Duration.ofMinutes(1), Duration.ofDays(6))));
    h.awaitProgress("producers fenced while the mirror copies their last records", p -> "mirror-last-records".equals(p.phase()));

    h.stub.cancel();

    h.awaitProgress("status CANCELLED", p -> MigrationStatus.CANCELLED.equals(p.status()));
    awaitStoreStatus(MigrationStatus.CANCELLED);
    assertThat(h.store.statuses()).containsExactly("RUNNING", "CANCELLED");
    assertThat(h.mirror.stops()).containsExactly(h.mirror.starts().get(0));
    Progress p = h.workflow.progress();
    assertThat(MigrationHarness.steps(p.steps(), "stop-mirror")).singleElement().extracting(StepRecord::status).isEqualTo("done");
    assertThat(p.openGate()).as("a cancel is no mirror failure to decide on").isNull();
    assertThat(h.mirror.verifications()).isEmpty();
  }

  /** The store records the end after the mirror is stopped, from a scope the cancel does not reach. */
  private void awaitStoreStatus(MigrationStatus status) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!h.store.statuses().contains(status.name()) && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
  }

  /** The test plan, its consumer repointed by a webhook that answers 409. */
  private MigrationPlan mirrorPlanWithWebhookConsumer() {
    MigrationPlan plan = TestPlans.mirrorPlan(TestPlans.NO_GATES);
    String url = "https://deploy.example/orders-consumer";
    List<ClientGroup> clients = plan.clients().stream()
        .map(c -> c.name().equals(CONSUMER)
            ? new ClientGroup(c.name(), c.role(), RepointStrategy.WEBHOOK, c.consumerGroup(), null, new Webhook(url))
            : c)
        .toList();
    h.repoint.failFor(CONSUMER, ApplicationFailure.newNonRetryableFailure(
        "webhook " + url + " for client " + CONSUMER + " answered 409: {\"error\":\"frozen\"}", "WebhookRejected"));
    return new MigrationPlan(plan.name(), plan.scheme(), plan.source(), plan.target(), plan.topics(), plan.topicPattern(),
        plan.consumerGroups(), clients, plan.gates(), plan.waits(), plan.mirror());
  }
}
