package io.kmigrate.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kmigrate.workflows.contract.ApplyOffsetsRequest;
import io.kmigrate.workflows.contract.CopyVerification;
import io.kmigrate.workflows.contract.GroupTranslation;
import io.kmigrate.workflows.contract.MirrorActivities;
import io.kmigrate.workflows.contract.MirrorCaughtUp;
import io.kmigrate.workflows.contract.MirrorRequest;
import io.kmigrate.workflows.contract.MirrorStarted;
import io.kmigrate.workflows.contract.MirrorStopped;
import io.kmigrate.workflows.contract.MirrorWaitRequest;
import io.kmigrate.workflows.contract.OffsetTranslation;
import io.kmigrate.workflows.contract.PartitionCopyCheck;
import io.kmigrate.workflows.contract.PartitionMirrorLag;
import io.kmigrate.workflows.contract.TranslateRequest;
import io.kmigrate.workflows.contract.TranslatedOffset;
import io.kmigrate.workflows.contract.TranslationStatus;
import io.kmigrate.workflows.contract.VerifyCopyRequest;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * MirrorMaker 2 on paper. By default the mirror starts, keeps up, copies the last records once
 * producers are fenced (source end offsets {@link #LAST_RECORDS} beyond those of
 * {@link #KEEPING_UP}), copies what a late producer wrote after the fence before it stops
 * ({@link #DRAINED}: every wait to the last record after the first that caught up), translates
 * every group and verifies a matching copy. Tests script the rest: an incomplete translation for
 * the first calls, waits to the last record that report the mirror behind, a failure of one
 * method, a mirror that never catches up. Every request is kept; each call is logged by its
 * method name (the caught-up wait with {@code :keeping-up} or {@code :last-records}).
 */
final class FakeMirror implements MirrorActivities {
  static final String CONNECT = "http://connect:8083";
  static final List<String> CONNECTORS = List.of("source->target.MirrorSourceConnector", "source->target.MirrorCheckpointConnector");
  /** What the mirror reports while producers still write to the source. */
  static final List<PartitionMirrorLag> KEEPING_UP =
      List.of(new PartitionMirrorLag("orders", 0, 100, 100, 0), new PartitionMirrorLag("payments", 0, 40, 40, 0));
  /** What it reports once producers are fenced and it copied their last records. */
  static final List<PartitionMirrorLag> LAST_RECORDS =
      List.of(new PartitionMirrorLag("orders", 0, 120, 120, 0), new PartitionMirrorLag("payments", 0, 45, 45, 0));
  /**
   * What the wait after the producers resumed on the target reports: a producer that read its
   * route late wrote 3 more records to orders on the source, and the mirror copied them too.
   */
  static final List<PartitionMirrorLag> DRAINED =
      List.of(new PartitionMirrorLag("orders", 0, 123, 123, 0), new PartitionMirrorLag("payments", 0, 45, 45, 0));
  /** What a wait to the last record reports when its reportAfterMs passed: 7 records of orders not copied yet. */
  static final List<PartitionMirrorLag> BEHIND =
      List.of(new PartitionMirrorLag("orders", 0, 120, 113, 7), new PartitionMirrorLag("payments", 0, 45, 45, 0));
  static final long BEHIND_LAG = 7;

  static final String STARTED = "startMirror";
  static final String CAUGHT_UP = "awaitMirrorCaughtUp";
  /** The caught-up wait with producers fenced (toTheLastRecord), as logged; {@link #failNext} takes it too. */
  static final String LAST_RECORDS_WAIT = CAUGHT_UP + ":last-records";
  static final String TRANSLATED = "awaitOffsetsTranslated";
  static final String APPLIED = "applyTranslatedOffsets";
  static final String STOPPED = "stopMirror";
  static final String VERIFIED = "verifyCopy";

  private final CallLog log;
  /** This fake's calls only, as logged in {@link #log} too. */
  private final CallLog own = new CallLog();
  private final List<MirrorRequest> starts = new CopyOnWriteArrayList<>();
  private final List<MirrorWaitRequest> waits = new CopyOnWriteArrayList<>();
  private final List<TranslateRequest> translations = new CopyOnWriteArrayList<>();
  private final List<ApplyOffsetsRequest> applied = new CopyOnWriteArrayList<>();
  private final List<MirrorRequest> stops = new CopyOnWriteArrayList<>();
  private final List<VerifyCopyRequest> verifications = new CopyOnWriteArrayList<>();
  private final Map<String, Queue<RuntimeException>> failures = new ConcurrentHashMap<>();
  private final AtomicInteger translateCalls = new AtomicInteger();
  private final AtomicInteger lastRecordWaits = new AtomicInteger();
  private final AtomicInteger lastRecordsCopied = new AtomicInteger();
  private volatile Function<MirrorWaitRequest, MirrorCaughtUp> caughtUp = this::caughtUp;
  private volatile int behindFor;
  private volatile int incompleteTranslations;
  private volatile TranslationStatus incompleteAs = TranslationStatus.STALE;

  FakeMirror(CallLog log) {
    this.log = log;
  }

  // ---- scripting

  /**
   * The next calls of {@code method} (one of the constants above; {@link #LAST_RECORDS_WAIT} for
   * the caught-up wait with producers fenced only) throw these, one per call.
   */
  void failNext(String method, RuntimeException... failures) {
    this.failures.computeIfAbsent(method, m -> new ConcurrentLinkedQueue<>()).addAll(List.of(failures));
  }

  /** The first {@code calls} translations report the plan's group with {@code status} instead of TRANSLATED. */
  void translationIncompleteFor(int calls, TranslationStatus status) {
    this.incompleteTranslations = calls;
    this.incompleteAs = status;
  }

  void onCaughtUp(Function<MirrorWaitRequest, MirrorCaughtUp> caughtUp) {
    this.caughtUp = caughtUp;
  }

  /**
   * The first {@code calls} waits to the last record ({@code toTheLastRecord}) report the mirror
   * {@link #BEHIND}, as the real wait does once its reportAfterMs passed without lag 0 (the fake
   * answers at once); the later ones answer as by default.
   */
  void lastRecordsBehindFor(int calls) {
    this.behindFor = calls;
  }

  /**
   * The wait with {@code toTheLastRecord} as given never sees lag 0: it polls like the real one
   * (heartbeat, one poll interval of test time) until cancelled or, as the real one, until its
   * reportAfterMs passed, when it reports the mirror {@link #BEHIND}. The keeping-up wait has no
   * reportAfterMs (the workflow's maxWait timer governs it), so it polls until cancelled. The
   * other wait answers as by default.
   */
  void lagNeverZero(TestWorkflowEnvironment env, boolean toTheLastRecord) {
    onCaughtUp(request -> {
      if (request.toTheLastRecord() != toTheLastRecord) {
        return caughtUp(request);
      }
      long started = env.currentTimeMillis();
      for (int poll = 1; env.currentTimeMillis() - started < request.reportAfterMs(); poll++) {
        RecordedHeartbeat.send(env, poll); // throws once the workflow cancelled the wait
        env.sleep(Duration.ofMillis(request.waits().pollIntervalMs()));
      }
      return behind();
    });
  }

  // ---- what the fake answers

  /**
   * Caught up: the keeping-up wait copied 140 offsets in a minute; the first wait to the last
   * record that catches up (producers fenced) copied 25 in a second up to {@link #LAST_RECORDS},
   * every later one (after producers resumed on the target) 3 more up to {@link #DRAINED}.
   */
  MirrorCaughtUp caughtUp(MirrorWaitRequest request) {
    if (!request.toTheLastRecord()) {
      return new MirrorCaughtUp(true, 0, KEEPING_UP, request.waits().stableForMs(), null, 60_000, 140);
    }
    return lastRecordsCopied.getAndIncrement() == 0
        ? new MirrorCaughtUp(true, 0, LAST_RECORDS, 0, null, 1_000, 25)
        : new MirrorCaughtUp(true, 0, DRAINED, 0, null, 100, 3);
  }

  /** Not caught up after reportAfterMs: what the real wait reports, lag and trouble included. */
  static MirrorCaughtUp behind() {
    return new MirrorCaughtUp(false, BEHIND_LAG, BEHIND, 0, "mirror lag " + BEHIND_LAG + " record(s)", -1, 25);
  }

  /** Why the fake's NOT_EXACT offset is not exact, and how many records MirrorMaker's translation would read again. */
  static final String NOT_EXACT_BECAUSE = "target offset 85 does not hold the copy of source offset 87";
  static final long NOT_EXACT_REREAD = 12;

  static OffsetTranslation translation(TranslationStatus status) {
    if (status == TranslationStatus.NOT_EXACT) {
      // MirrorMaker translated 90 to 78; the records could not prove where exactly the group resumes.
      TranslatedOffset offset = new TranslatedOffset("orders", 0, 90, 90, 78, true).notExact(NOT_EXACT_BECAUSE, NOT_EXACT_REREAD);
      return new OffsetTranslation(List.of(new GroupTranslation(TestPlans.GROUP, status, "orders-0: " + NOT_EXACT_BECAUSE, List.of(offset))), false);
    }
    List<TranslatedOffset> offsets = status == TranslationStatus.TRANSLATED
        ? List.of(new TranslatedOffset("orders", 0, 90, 90, 88, true).exactAt(90))
        : List.of(new TranslatedOffset("orders", 0, 90, 80, 78, false));
    String reason = status == TranslationStatus.TRANSLATED ? null : "checkpoint behind the committed offset on orders-0";
    return new OffsetTranslation(List.of(new GroupTranslation(TestPlans.GROUP, status, reason, offsets)), false);
  }

  static CopyVerification verification(List<PartitionMirrorLag> ends) {
    List<PartitionCopyCheck> checks = ends.stream()
        .map(p -> new PartitionCopyCheck(p.topic(), p.partition(), 0, p.sourceEnd(), p.sourceEnd(), p.sourceEnd(), "c" + p.sourceEnd(), "c" + p.sourceEnd(), true))
        .toList();
    long records = ends.stream().mapToLong(PartitionMirrorLag::sourceEnd).sum();
    return new CopyVerification(checks, records, records, records * 100, true);
  }

  // ---- what the workflow asked

  /** Every call of this fake, in order, as logged (the shared log holds the other fakes' too). */
  List<String> calls() {
    return own.calls();
  }

  List<MirrorRequest> starts() {
    return List.copyOf(starts);
  }

  List<MirrorWaitRequest> waits() {
    return List.copyOf(waits);
  }

  List<TranslateRequest> translations() {
    return List.copyOf(translations);
  }

  List<ApplyOffsetsRequest> applied() {
    return List.copyOf(applied);
  }

  List<MirrorRequest> stops() {
    return List.copyOf(stops);
  }

  List<VerifyCopyRequest> verifications() {
    return List.copyOf(verifications);
  }

  // ---- the contract

  @Override
  public MirrorStarted startMirror(MirrorRequest request) {
    starts.add(request);
    called(STARTED);
    return new MirrorStarted(CONNECT, CONNECTORS);
  }

  @Override
  public MirrorCaughtUp awaitMirrorCaughtUp(MirrorWaitRequest request) {
    waits.add(request);
    called(CAUGHT_UP, request.toTheLastRecord() ? ":last-records" : ":keeping-up");
    if (request.toTheLastRecord() && lastRecordWaits.incrementAndGet() <= behindFor) {
      return behind();
    }
    return caughtUp.apply(request);
  }

  @Override
  public OffsetTranslation awaitOffsetsTranslated(TranslateRequest request) {
    translations.add(request);
    called(TRANSLATED);
    return translation(translateCalls.incrementAndGet() <= incompleteTranslations ? incompleteAs : TranslationStatus.TRANSLATED);
  }

  @Override
  public OffsetTranslation applyTranslatedOffsets(ApplyOffsetsRequest request) {
    applied.add(request);
    called(APPLIED);
    return new OffsetTranslation(request.translation().groups(), true);
  }

  @Override
  public MirrorStopped stopMirror(MirrorRequest request) {
    stops.add(request);
    called(STOPPED);
    return new MirrorStopped(CONNECTORS);
  }

  @Override
  public CopyVerification verifyCopy(VerifyCopyRequest request) {
    verifications.add(request);
    called(VERIFIED);
    return verification(request.recordedEnds());
  }

  private void called(String method) {
    called(method, "");
  }

  /** Logs the call, then throws the failure scripted for it (as logged, else for its method), if any. */
  private void called(String method, String detail) {
    log.add(method + detail);
    own.add(method + detail);
    RuntimeException failure = nextFailure(method + detail);
    if (failure == null && !detail.isEmpty()) {
      failure = nextFailure(method);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private RuntimeException nextFailure(String key) {
    Queue<RuntimeException> next = failures.get(key);
    return next == null ? null : next.poll();
  }

  /**
   * The whole plan's mirror: started once with the plan's clusters, topics and group, waited on
   * keeping up (no deadline of its own) and twice to the last record (reporting after
   * {@code maxWaitMs}), and stopped once with the request it was started with.
   */
  void assertMirroredThePlanOnce(long maxWaitMs, String waitsAre) {
    assertThat(starts()).singleElement().satisfies(m -> {
      assertThat(m.migrationId()).isEqualTo(TestPlans.NAME);
      assertThat(m.source()).isEqualTo("source");
      assertThat(m.target()).isEqualTo("target");
      assertThat(m.topics()).isEqualTo(TestPlans.TOPICS);
      assertThat(m.groups()).containsExactly(TestPlans.GROUP);
    });
    assertThat(waits()).as(waitsAre)
        .extracting(MirrorWaitRequest::toTheLastRecord, MirrorWaitRequest::reportAfterMs)
        .containsExactly(tuple(false, Long.MAX_VALUE), tuple(true, maxWaitMs), tuple(true, maxWaitMs));
  }

  /** The copy was verified once, up to the ends the mirror-drained wait returned. */
  void assertCopyVerifiedUpToTheDrainedEnds() {
    assertThat(verifications()).singleElement().satisfies(v -> {
      assertThat(v.source()).isEqualTo("source");
      assertThat(v.target()).isEqualTo("target");
      assertThat(v.recordedEnds())
          .as("the partitions of the mirror-drained wait, not of mirror-last-records nor of the keeping-up wait")
          .isEqualTo(DRAINED)
          .isNotEqualTo(LAST_RECORDS)
          .isNotEqualTo(KEEPING_UP);
    });
  }
}
