package io.kmigrate.workflows;

import static io.kmigrate.workflows.WorkflowTime.now;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.GateName;
import io.kmigrate.config.MigrationPlan;
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
import io.kmigrate.workflows.contract.RepointAction;
import io.kmigrate.workflows.contract.TranslateRequest;
import io.kmigrate.workflows.contract.VerifyCopyRequest;
import io.kmigrate.workflows.contract.WaitSettings;
import io.kmigrate.workflows.gates.GateKeeper;
import io.kmigrate.workflows.gates.OpenGate;
import io.kmigrate.workflows.progress.ProgressTracker;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The mirror's phases: start MirrorMaker 2, wait for it, translate and write group offsets, stop
 * it and verify the copy. A failed mirror step (a FAILED connector after its retries, Connect
 * unreachable, a source topic deleted) is recorded with its cause and opens a gate: try again
 * or abort. Failing the workflow instead could leave producers fenced.
 */
final class MirrorPhases {
  /** Attempts of a mirror wait before its failure is shown to a person. */
  private static final int WAIT_ATTEMPTS = 8;

  private final MigrationPlan plan;
  private final ProgressTracker tracker;
  private final Approvals approvals;
  private final GateKeeper gates;
  private final Repointing repointing;
  private final WaitSettings waits;
  private final MirrorRequest request;
  private final MirrorActivities quick = ActivityStubs.quick(MirrorActivities.class);
  private final MirrorActivities waiting;
  private MirrorStarted started;

  MirrorPhases(
      MigrationPlan plan, ProgressTracker tracker, Approvals approvals, Repointing repointing, WaitSettings waits, MirrorRequest request) {
    this.plan = plan;
    this.tracker = tracker;
    this.approvals = approvals;
    this.gates = approvals.gates();
    this.repointing = repointing;
    this.waits = waits;
    this.request = request;
    this.waiting = ActivityStubs.waiting(MirrorActivities.class, plan.waits(), WAIT_ATTEMPTS);
  }

  /** The plan's mirror: its topics (all of the migration's unless the plan names some) and groups. */
  static MirrorPhases of(
      MigrationPlan plan, ProgressTracker tracker, Approvals approvals, Repointing repointing, WaitSettings waits, List<String> topics) {
    List<String> mirrored = plan.mirror().mirrorsAllTopics() ? topics : plan.mirror().topics();
    return new MirrorPhases(plan, tracker, approvals, repointing, waits,
        new MirrorRequest(Workflow.getInfo().getWorkflowId(), plan.source(), plan.target(), mirrored, plan.consumerGroups()));
  }

  /**
   * Stops the consumers on the source, writes their offsets translated by MirrorMaker to the
   * target groups and starts them there.
   */
  OffsetTranslation moveConsumersTranslated(List<ClientGroup> consumers) {
    repointing.repoint("stop-consumers-on-source", consumers, plan.source(), RepointAction.STOP);
    OffsetTranslation translation = applyOffsets(translateOffsets());
    repointing.repoint("repoint-consumers", consumers, plan.target(), RepointAction.POINT);
    return translation;
  }

  /**
   * Fences the producers (their route tells them to hold their sends) until the mirror copied
   * their last records, then resumes them on the target: a key's new record cannot overtake its
   * predecessor still being mirrored.
   * @return how long the producers were fenced, in milliseconds
   */
  long moveProducersFenced(List<ClientGroup> producers) {
    long start = Workflow.currentTimeMillis();
    repointing.repoint("fence-producers", producers, plan.source(), RepointAction.STOP);
    awaitLastRecords("mirror-last-records");
    repointing.repoint("repoint-producers", producers, plan.target(), RepointAction.POINT);
    return Workflow.currentTimeMillis() - start;
  }

  /**
   * After producers moved: a producer that read its route late may have written to the source
   * after the fence; the mirror copies those too, and the copy is verified up to there.
   */
  MirrorCaughtUp awaitDrained() {
    return awaitLastRecords("mirror-drained");
  }

  MirrorStarted start() {
    started = retrying("start-mirror", () -> quick.startMirror(request),
        s -> s.connectors().size() + " MirrorMaker 2 connector(s) on " + s.connect());
    return started;
  }

  String connect() {
    return started == null ? null : started.connect();
  }

  /**
   * While producers write to the source: the mirror keeps up. maxWait opens a gate: keep waiting
   * or proceed (the consumers then wait on the target for what the mirror has not copied yet).
   * @return the last state, or empty when a person chose to proceed without it
   */
  Optional<MirrorCaughtUp> awaitKeepingUp(String step) {
    MirrorWaitRequest wait = new MirrorWaitRequest(request, waits, Long.MAX_VALUE, false);
    return retrying(step,
        () -> LongWait.run(
            () -> Async.function(waiting::awaitMirrorCaughtUp, wait),
            plan.waits().maxWait(),
            approvals,
            GateName.MIRROR_BEHIND,
            "the mirror keeping up with the source"),
        r -> r.map(c -> "mirror lag " + c.totalLag() + " on " + c.partitions().size() + " partition(s)")
            .orElse("approved without the mirror caught up"));
  }

  /**
   * Waits for a fresh checkpoint of every group's committed offset and the exact target offsets
   * established from the records; a group stale, missing or already active on the target holds
   * the move, and after maxWait a gate shows which: check again, or abort. Never proceeds with a
   * partial translation. Offsets the records do not prove exact open their own gate at once:
   * resume at MirrorMaker's translation (a few records read again), or check again.
   */
  OffsetTranslation translateOffsets() {
    TranslateRequest translate = new TranslateRequest(request, waits, plan.waits().maxWait().toMillis());
    while (true) {
      OffsetTranslation t = untilDone("translate-offsets",
          () -> Async.function(waiting::awaitOffsetsTranslated, translate),
          done -> done.complete() || done.waitsOnlyForAPerson(),
          MirrorPhases::describe,
          GateName.OFFSETS_NOT_TRANSLATED,
          blocked -> blocked.summary() + "; blocked: " + blocked.blocked().stream().map(GroupTranslation::describe).collect(Collectors.joining(", ")),
          "check again",
          "abort the migration: every client moved so far goes back to the source");
      if (t.complete()) {
        return t;
      }
      OpenGate notExact = new OpenGate(GateName.OFFSETS_NOT_EXACT,
          "offsets not proven exact: " + t.blocked().stream().map(GroupTranslation::describe).collect(Collectors.joining(", ")),
          "resume at MirrorMaker's translation: up to " + t.rereadAtMost() + " record(s) read again",
          "check again (after fixing the copy)", now());
      if (approvals.acceptOrCheckAgain(notExact)) {
        return t.acceptingApproximate();
      }
    }
  }

  /**
   * Producers fenced (or gone): waits until the mirror copied the source's last record on every
   * partition. There is no proceeding without it, only waiting longer or aborting.
   */
  MirrorCaughtUp awaitLastRecords(String step) {
    MirrorWaitRequest wait = new MirrorWaitRequest(request, waits, plan.waits().maxWait().toMillis(), true);
    return untilDone(step,
        () -> Async.function(waiting::awaitMirrorCaughtUp, wait),
        MirrorCaughtUp::caughtUp,
        c -> "mirror lag " + c.totalLag() + " on " + c.partitions().size() + " partition(s)",
        GateName.MIRROR_BEHIND,
        c -> "the mirror has not copied the source's last records after " + plan.waits().maxWait() + ": lag " + c.totalLag(),
        "keep waiting",
        "abort the migration: every client moved so far goes back to the source");
  }

  /**
   * Runs a wait that reports by itself after maxWait until its result is {@code done}; each
   * incomplete report opens {@code gate}: approve waits again, reject aborts.
   */
  private <T> T untilDone(
      String step, Supplier<Promise<T>> call, Predicate<T> done, Function<T, String> summary,
      String gate, Function<T, String> question, String approveMeans, String rejectMeans) {
    while (true) {
      T result = retrying(step, () -> LongWait.untilDone(call, gates), summary);
      if (done.test(result)) {
        return result;
      }
      approvals.keepWaitingOrAbort(new OpenGate(gate, question.apply(result), approveMeans, rejectMeans, now()),
          step + ": " + question.apply(result));
    }
  }

  OffsetTranslation applyOffsets(OffsetTranslation translation) {
    return retrying("write-translated-offsets",
        () -> quick.applyTranslatedOffsets(new ApplyOffsetsRequest(plan.target(), translation)),
        MirrorPhases::describe);
  }

  MirrorStopped stop() {
    return retrying("stop-mirror", () -> quick.stopMirror(request), s -> s.deleted().size() + " connector(s) deleted",
        "skip: producers already write to the target; delete the connectors by hand");
  }

  /** When the migration ends otherwise (abort, cancel, failure): a failure is recorded, not gated. */
  void stopQuietly() {
    try {
      tracker.step("stop-mirror", () -> quick.stopMirror(request), s -> s.deleted().size() + " connector(s) deleted");
    } catch (ActivityFailure e) {
      // recorded in the step; the connectors can be deleted by hand
    }
  }

  CopyVerification verify(MirrorCaughtUp last) {
    return retrying("verify-copy",
        () -> quick.verifyCopy(new VerifyCopyRequest(plan.source(), plan.target(), last.partitions())),
        c -> c.sourceRecords() + " source record(s), " + c.targetRecords() + " on the target, "
            + (c.checksumsMatch() ? "checksums match" : "partitions differ: " + c.differing().size()),
        "skip the verification: the report says the copy was not verified");
  }

  private static String describe(OffsetTranslation t) {
    String each = t.groups().stream().map(MirrorPhases::withOffsets).collect(Collectors.joining("; "));
    return t.summary() + (t.applied() ? ", written to " : "") + (each.isEmpty() ? "" : ": " + each);
  }

  private static String withOffsets(GroupTranslation g) {
    String offsets = g.partitions().stream()
        .map(o -> o.topic() + "-" + o.partition() + " " + o.sourceOffset() + "->" + o.translatedOffset())
        .collect(Collectors.joining(", "));
    return g.group() + " " + g.status().name().toLowerCase(Locale.ROOT) + (offsets.isEmpty() ? "" : " [" + offsets + "]");
  }

  private <T> T retrying(String step, Supplier<T> body, Function<T, String> summary) {
    return retrying(step, body, summary, null);
  }

  /**
   * Runs the step until it succeeds or a person gives up on it. Giving up aborts; once producers
   * write to the target the only way is forward, and a step given {@code skipMeans} is skipped
   * (null) instead.
   */
  private <T> T retrying(String step, Supplier<T> body, Function<T, String> summary, String skipMeans) {
    String giveUpMeans = skipMeans == null ? "abort the migration" : skipMeans;
    while (true) {
      try {
        return tracker.step(step, body, summary);
      } catch (ActivityFailure e) {
        gates.throwIfAborted();
        OpenGate gate = new OpenGate(
            GateName.MIRROR_FAILED, step + " failed: " + ProgressTracker.reason(e), "try again (after fixing the cause)", giveUpMeans, now());
        if (!approvals.retryOrGiveUp(gate)) {
          if (skipMeans != null) {
            return null;
          }
          throw gates.rejectionAbort(step + " failed");
        }
      }
    }
  }
}
