package io.kmigrate.workflows;

import static io.kmigrate.workflows.FakeRepoint.call;
import static io.kmigrate.workflows.TestPlans.CONSUMER;
import static io.kmigrate.workflows.TestPlans.PRODUCER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.kmigrate.config.GateName;
import io.kmigrate.config.Gates;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.MirrorSettings;
import io.kmigrate.workflows.contract.AuditAction;
import io.kmigrate.workflows.contract.DrainRequest;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.kmigrate.workflows.contract.MirrorWaitRequest;
import io.kmigrate.workflows.contract.TranslationStatus;
import io.kmigrate.workflows.gates.AbortRequest;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.kmigrate.workflows.gates.OpenGate;
import io.kmigrate.workflows.progress.Progress;
import io.kmigrate.workflows.progress.StepRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scheme production-first with the plan's mirror section on: MirrorMaker 2 first copies the
 * topics' stored messages to the target and keeps up; producers are then fenced on the source
 * until the mirror copied their last records and resume on the target; the mirror copies what a
 * late producer still wrote to the source and the copy is verified up to there; once the source
 * drained, consumers stop on the source and start on the target at the offsets MirrorMaker
 * translated, never on a partial translation; the mirror then stops. An abort with producers
 * fenced puts them back on the source, verifies them there and stops the mirror. A plan without
 * the mirror runs the scheme as before, without a single mirror call.
 */
@Timeout(60)
class ProductionFirstWithMirrorTest {
  private static final List<String> ALL_STEPS =
      List.of(
          "preflight",
          "prepare-target",
          "start-mirror",
          "mirror-caught-up",
          "fence-producers",
          "mirror-last-records",
          "repoint-producers",
          "verify-producers",
          "mirror-drained",
          "verify-copy",
          "drain-source",
          "stop-consumers-on-source",
          "translate-offsets",
          "write-translated-offsets",
          "repoint-consumers",
          "stop-mirror",
          "verify-consumers");

  /** Producers are fenced on the source, then pointed at the target; then consumers stop on the source and start on the target. */
  private static final List<String> ALL_REPOINTS =
      List.of(PRODUCER + " STOP source", PRODUCER + " POINT target", CONSUMER + " STOP source", CONSUMER + " POINT target");

  private final MigrationHarness h = new MigrationHarness();

  @AfterEach
  void close() {
    h.close();
  }


  // (1) the order of the steps and of the repoints

  @Test
  void withGatesOffProducersAreFencedUntilTheMirrorCopiedTheirLastRecordsAndConsumersMoveAtTranslatedOffsetsOnceTheSourceDrained()
      throws Exception {
    h.start(TestPlans.productionFirstMirrored(TestPlans.NO_GATES));

    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.scheme()).isEqualTo("production-first");
    assertThat(report.steps()).extracting(StepRecord::name).containsExactlyElementsOf(ALL_STEPS);
    assertThat(report.steps()).extracting(StepRecord::status).containsOnly("done");
    assertThat(report.decisions()).isEmpty();
    assertThat(h.repoints()).as("producers fenced on the source, then on the target; consumers stop on the source, then start on the target")
        .containsExactlyElementsOf(ALL_REPOINTS);
    assertThat(h.calls.calls()).containsExactly(
        "preflight",
        "prepare-target",
        "startMirror",
        "awaitMirrorCaughtUp:keeping-up",
        "stop " + call(PRODUCER, "source"),
        "awaitMirrorCaughtUp:last-records",
        call(PRODUCER, "target"),
        "awaitProducersMoved",
        "awaitMirrorCaughtUp:last-records",
        "verifyCopy",
        "awaitDrained",
        "stop " + call(CONSUMER, "source"),
        "awaitOffsetsTranslated",
        "applyTranslatedOffsets",
        call(CONSUMER, "target"),
        "stopMirror",
        "awaitConsumersMoved");
    h.assertReplays(ProductionFirstMigrationImpl.class);
  }

  @Test
  void withGatesOnNothingIsFencedBeforeProducerCutoverNorAnyConsumerStoppedBeforeConsumerCutover() throws Exception {
    h.start(TestPlans.productionFirstMirrored(Gates.defaults()));

    h.awaitGate(GateName.PRODUCER_CUTOVER);
    assertThat(h.mirror.calls()).as("the mirror runs and keeps up before anyone is asked")
        .containsExactly("startMirror", "awaitMirrorCaughtUp:keeping-up");
    assertThat(h.repoint.requests()).as("no producer fenced before approval").isEmpty();

    h.approve(GateName.PRODUCER_CUTOVER, "alice");
    h.awaitGate(GateName.CONSUMER_CUTOVER);
    assertThat(h.repoints()).as("producers moved; no consumer stopped before approval")
        .containsExactly(PRODUCER + " STOP source", PRODUCER + " POINT target");
    assertThat(h.calls.calls()).as("the copy is verified and the source drained before the consumer cutover opens")
        .endsWith("verifyCopy", "awaitDrained");
    assertThat(h.mirror.translations()).isEmpty();

    h.approve(GateName.CONSUMER_CUTOVER, "bob");
    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.steps()).extracting(StepRecord::name).containsExactlyElementsOf(ALL_STEPS);
    assertThat(h.repoints()).containsExactlyElementsOf(ALL_REPOINTS);
    assertThat(report.decisions())
        .extracting(DecisionRecord::gate, DecisionRecord::action, DecisionRecord::by)
        .containsExactly(
            tuple(GateName.PRODUCER_CUTOVER, AuditAction.APPROVED, "alice"),
            tuple(GateName.CONSUMER_CUTOVER, AuditAction.APPROVED, "bob"));
    h.assertReplays(ProductionFirstMigrationImpl.class);
  }

  // (2) what is mirrored, what is drained

  @Test
  void withoutMirrorTopicsEveryPlanTopicIsMirroredAndTheWaitsAfterTheFenceAreForTheLastRecord() {
    h.start(TestPlans.productionFirstMirrored(TestPlans.NO_GATES));
    h.result();

    h.mirror.assertMirroredThePlanOnce(TestPlans.FAST_WAITS.maxWait().toMillis(),
        "keeping up: no deadline of its own; fenced and drained: to the last record, reporting after maxWait");
    assertThat(h.mirror.stops()).as("the mirror is stopped once, with the request it was started with")
        .containsExactly(h.mirror.starts().get(0));
    assertThat(h.traffic.drainRequests()).singleElement().satisfies(d -> assertThat(d.topics()).isEqualTo(TestPlans.TOPICS));
  }

  @Test
  void mirrorTopicsNameWhatTheMirrorCopiesWhileTheDrainStillCoversEveryPlanTopic() {
    List<String> mirrored = List.of("orders");
    h.start(TestPlans.productionFirstMirroring(mirrored, TestPlans.NO_GATES));

    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(report.topics()).isEqualTo(TestPlans.TOPICS);
    assertThat(h.mirror.starts()).singleElement().satisfies(m -> {
      assertThat(m.topics()).as("only mirror.topics").isEqualTo(mirrored);
      assertThat(m.groups()).containsExactly(TestPlans.GROUP);
    });
    assertThat(h.mirror.waits()).extracting(w -> w.mirror().topics()).containsOnly(mirrored);
    assertThat(h.mirror.translations()).extracting(t -> t.mirror().topics()).containsOnly(mirrored);
    assertThat(h.mirror.stops()).extracting(m -> m.topics()).containsExactly(mirrored);
    assertThat(h.traffic.drainRequests()).as("the source drains on every topic of the plan, mirrored or not")
        .extracting(DrainRequest::cluster, DrainRequest::topics, DrainRequest::groups)
        .containsExactly(tuple("source", TestPlans.TOPICS, List.of(TestPlans.GROUP)));
    assertThat(h.repoints()).containsExactlyElementsOf(ALL_REPOINTS);
  }

  // (3) the report

  @Test
  void theReportHoldsTheTranslationTheCopyVerifiedUpToTheDrainedWaitHowLongProducersWereFencedAndTheDrain() {
    h.start(TestPlans.productionFirstMirrored(TestPlans.NO_GATES));

    MigrationReport report = h.result();

    MirrorOutcome mirror = report.mirror();
    assertThat(mirror).isNotNull();
    assertThat(mirror.connect()).isEqualTo(FakeMirror.CONNECT);
    assertThat(mirror.caughtUp()).as("how the mirror first caught up").satisfies(c -> {
      assertThat(c.caughtUp()).isTrue();
      assertThat(c.partitions()).isEqualTo(FakeMirror.KEEPING_UP);
    });
    assertThat(mirror.translation()).as("the translation as written to the target").satisfies(t -> {
      assertThat(t.complete()).isTrue();
      assertThat(t.applied()).isTrue();
      assertThat(t.summary()).isEqualTo("groups translated 1 of 1");
    });
    assertThat(h.mirror.applied()).singleElement().satisfies(a -> {
      assertThat(a.target()).isEqualTo("target");
      assertThat(a.translation().complete()).isTrue();
    });
    h.mirror.assertCopyVerifiedUpToTheDrainedEnds();
    assertThat(mirror.copy()).isEqualTo(FakeMirror.verification(FakeMirror.DRAINED));
    assertThat(mirror.copy().checksumsMatch()).isTrue();
    assertThat(mirror.fenceMs()).as("measured: -1 would mean producers were never fenced").isGreaterThanOrEqualTo(0);
    assertThat(report.drained()).as("the source's drain is reported as without the mirror").isNotNull()
        .satisfies(d -> assertThat(d.totalLag()).isZero());
    assertThat(report.producers().moved()).isTrue();
    assertThat(report.consumers().moved()).isTrue();
    assertThat(MigrationHarness.steps(report.steps(), "verify-copy")).singleElement()
        .satisfies(s -> assertThat(s.detail()).contains("checksums match"));
  }

  // (4) never a partial translation

  @Test
  void consumersAreNotStartedOnTheTargetBeforeTheTranslationIsCompleteAndApprovingOffsetsNotTranslatedChecksAgain()
      throws Exception {
    h.mirror.translationIncompleteFor(1, TranslationStatus.STALE);
    h.start(TestPlans.productionFirstMirrored(TestPlans.NO_GATES));

    OpenGate gate = h.awaitGate(GateName.OFFSETS_NOT_TRANSLATED);
    assertThat(gate.question())
        .contains("groups translated 0 of 1")
        .contains(TestPlans.GROUP + " STALE")
        .contains("checkpoint behind the committed offset");
    assertThat(h.workflow.progress().status()).isEqualTo(MigrationStatus.WAITING_FOR_APPROVAL);
    assertThat(h.repoints()).as("consumers are stopped on the source, not started on the target")
        .containsExactly(PRODUCER + " STOP source", PRODUCER + " POINT target", CONSUMER + " STOP source");
    assertThat(h.mirror.applied()).as("an incomplete translation is never written").isEmpty();

    h.approve(GateName.OFFSETS_NOT_TRANSLATED, "bob");
    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(h.mirror.translations()).as("approving checks again").hasSize(2);
    assertThat(h.mirror.applied()).singleElement().satisfies(a -> assertThat(a.translation().complete()).isTrue());
    assertThat(h.calls.calls()).as("the consumers start on the target only after the complete translation is written")
        .containsSubsequence(
            "stop " + call(CONSUMER, "source"),
            "awaitOffsetsTranslated",
            "awaitOffsetsTranslated",
            "applyTranslatedOffsets",
            call(CONSUMER, "target"));
    assertThat(h.repoints()).containsExactlyElementsOf(ALL_REPOINTS);
    assertThat(MigrationHarness.steps(report.steps(), "translate-offsets")).extracting(StepRecord::detail).satisfiesExactly(
        first -> assertThat(first).startsWith("groups translated 0 of 1"),
        second -> assertThat(second).startsWith("groups translated 1 of 1"));
    assertThat(report.mirror().translation().complete()).isTrue();
    assertThat(report.decisions())
        .extracting(DecisionRecord::gate, DecisionRecord::action, DecisionRecord::by)
        .containsExactly(tuple(GateName.OFFSETS_NOT_TRANSLATED, AuditAction.APPROVED, "bob"));
    h.assertReplays(ProductionFirstMigrationImpl.class);
  }

  // (5) an abort with producers fenced

  @Test
  void abortWhileProducersAreFencedPutsThemBackOnTheSourceVerifiesThemThereAndStopsTheMirror() throws Exception {
    h.mirror.lagNeverZero(h.env, true);
    // maxWait far off: the abort arrives while the wait still polls, long before it would report.
    h.start(TestPlans.productionFirstMirrored(TestPlans.NO_GATES, TestPlans.waits(Duration.ofMinutes(1), Duration.ofDays(6))));
    CompletableFuture<MigrationReport> result = h.resultInBackground();
    h.awaitProgress("producers fenced while the mirror copies their last records", p -> "mirror-last-records".equals(p.phase()));
    assertThat(h.repoints()).containsExactly(PRODUCER + " STOP source");

    String answer = h.workflow.abort(new AbortRequest("the mirror does not catch up", "carol"));
    assertThat(answer).contains("pointed back to source");

    assertThat(catchThrowableOfType(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS))).isNotNull();
    Progress p = h.workflow.progress();
    assertThat(p.status()).isEqualTo(MigrationStatus.ABORTED);
    assertThat(p.failure()).contains("aborted by carol: the mirror does not catch up");
    assertThat(h.repoints()).as("the producers never point at the target; no consumer is touched")
        .containsExactly(PRODUCER + " STOP source", PRODUCER + " POINT source");
    assertThat(p.rollback().repointedBack()).containsExactly(PRODUCER);
    assertThat(MigrationHarness.steps(p.steps(), "mirror-last-records")).singleElement().extracting(StepRecord::status).isEqualTo("failed");
    assertThat(MigrationHarness.steps(p.steps(), "rollback-verify-producers")).as("a producer only fenced is verified back on the source")
        .singleElement().satisfies(s -> {
          assertThat(s.status()).isEqualTo("done");
          assertThat(s.detail()).isEqualTo("producers write to source again");
        });
    assertThat(p.rollback().producersBack()).isTrue();
    assertThat(h.mirror.stops()).as("the mirror is stopped").containsExactly(h.mirror.starts().get(0));
    assertThat(h.calls.calls()).as("producers back, verified there, then the mirror stopped")
        .containsSubsequence("stop " + call(PRODUCER, "source"), call(PRODUCER, "source"), "awaitProducersMoved", "stopMirror");
    assertThat(p.steps()).extracting(StepRecord::name)
        .doesNotContain("repoint-producers", "mirror-drained", "verify-copy", "drain-source")
        .endsWith("rollback-repoint", "rollback-verify-producers", "stranded-on-target", "stop-mirror");
    assertThat(MigrationHarness.steps(p.steps(), "stop-mirror")).singleElement().extracting(StepRecord::status).isEqualTo("done");
    assertThat(h.mirror.verifications()).isEmpty();
    assertThat(h.store.statuses()).containsExactly("RUNNING", "ABORTED");
    h.assertReplays(ProductionFirstMigrationImpl.class);
  }

  // (6) without the mirror

  static Stream<Arguments> plansWithoutTheMirror() {
    return Stream.of(
        Arguments.of("no mirror section", TestPlans.plan(TestPlans.NO_GATES)),
        Arguments.of("mirror.enabled false, topics named",
            TestPlans.withMirror(TestPlans.plan(TestPlans.NO_GATES), new MirrorSettings(false, List.of("orders"), null))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plansWithoutTheMirror")
  void aPlanWithoutTheMirrorCallsNoMirrorActivityAndKeepsTheStepsItHadBefore(String why, MigrationPlan plan) {
    h.start(plan);

    MigrationReport report = h.result();

    assertThat(report.status()).isEqualTo(MigrationStatus.COMPLETED);
    assertThat(h.mirror.calls()).as("no MirrorActivities method is called").isEmpty();
    assertThat(report.steps()).extracting(StepRecord::name).containsExactlyElementsOf(ProductionFirstMigrationTest.ALL_STEPS);
    assertThat(h.repoints()).as("producers are pointed at the target unfenced, consumers without stopping first")
        .containsExactly(PRODUCER + " POINT target", CONSUMER + " POINT target");
    assertThat(h.calls.calls()).containsExactly(
        "preflight",
        "prepare-target",
        call(PRODUCER, "target"),
        "awaitProducersMoved",
        "awaitDrained",
        call(CONSUMER, "target"),
        "awaitConsumersMoved");
    assertThat(report.mirror()).isNull();
    assertThat(report.drained().totalLag()).isZero();
  }
}
