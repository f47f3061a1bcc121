package io.kmigrate.workflows;

import static io.kmigrate.workflows.WorkflowTime.now;

import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.contract.ConsumersMovedResult;
import io.kmigrate.workflows.contract.DrainResult;
import io.kmigrate.workflows.contract.PrepareReport;
import io.kmigrate.workflows.contract.ProducersMovedResult;
import io.kmigrate.workflows.contract.RollbackReport;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.StoreActivities;
import io.kmigrate.workflows.gates.AbortRequest;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.kmigrate.workflows.gates.GateDecision;
import io.kmigrate.workflows.gates.GateKeeper;
import io.kmigrate.workflows.gates.MigrationAbortedException;
import io.kmigrate.workflows.progress.Progress;
import io.kmigrate.workflows.progress.ProgressTracker;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.function.Supplier;

/**
 * The state and handlers every scheme shares: gates, steps, the progress query, the migration
 * record and audit log. A scheme implements {@link #migrate} only.
 */
public abstract class MigrationWorkflowBase implements MigrationControl {
  public static final String STATUS_RUNNING = "RUNNING";
  public static final String STATUS_COMPLETED = "COMPLETED";
  public static final String STATUS_FAILED = "FAILED";
  public static final String STATUS_ABORTED = "ABORTED";
  public static final String STATUS_CANCELLED = "CANCELLED";
  /** Failure type of an aborted migration, so clients tell it from a fault. */
  public static final String ABORTED_FAILURE = "MigrationAborted";

  protected final StoreActivities store = ActivityStubs.durable(StoreActivities.class);
  protected final ProgressTracker tracker = new ProgressTracker();
  /** Audit entries the store refused for good, newest last (at most {@value #STORE_PROBLEMS_KEPT}). */
  private final List<String> storeProblems = new java.util.ArrayList<>();
  private final AuditLog auditLog = new AuditLog(store, this::storeProblem);
  protected final GateKeeper gates = new GateKeeper(this::audit, auditLog::written);
  protected MigrationPlan plan;
  protected List<String> topics = List.of();
  protected LagSnapshot lastLag;
  protected SharedPhases phases;
  /** Set by a scheme that mirrors the topics' data. */
  protected MirrorPhases mirror;
  private RollbackReport rollback;
  private String status = STATUS_RUNNING;
  private String failure;

  /** Runs the scheme, recording the migration's status in the store whichever way it ends. */
  protected MigrationReport execute(MigrationPlan plan, Supplier<MigrationReport> migrate) {
    if (plan == null || plan.scheme() == null || plan.name() == null) {
      // Only a start that bypassed the API (e.g. `temporal workflow start`) gets here.
      throw ApplicationFailure.newNonRetryableFailure(
          "the input must be a migration plan with at least name and scheme (see config/examples)", "InvalidPlan");
    }
    this.plan = plan;
    this.phases = new SharedPhases(plan, tracker, gates);
    store.recordStatus(id(), plan, STATUS_RUNNING);
    try {
      MigrationReport report = migrate.get();
      status = STATUS_COMPLETED;
      tracker.phase("completed");
      recordEnd(STATUS_COMPLETED);
      return report;
    } catch (MigrationAbortedException e) {
      failure = e.getMessage();
      auditLog.write(new AuditEntry(id(), null, "aborted", e.request().by(), e.request().reason(), now(), e.request().source()));
      if (phases.clientsMoved()) {
        tracker.phase("rolling-back");
        rollback = phases.rollBack(e.request().reason(), e.request().by(), topics);
        auditLog.write(new AuditEntry(id(), null, "rolled-back", "kmigrate",
            String.join(", ", rollback.repointedBack()) + " back on " + plan.source() + "; " + rollback.strandedTotal()
                + " record(s) left on " + plan.target(), now()));
      }
      release();
      status = STATUS_ABORTED;
      tracker.phase("aborted");
      recordEnd(STATUS_ABORTED);
      throw rollback == null
          ? ApplicationFailure.newNonRetryableFailure(e.getMessage(), ABORTED_FAILURE)
          : ApplicationFailure.newNonRetryableFailure(e.getMessage() + " (rolled back)", ABORTED_FAILURE, rollback);
    } catch (RuntimeException e) {
      if (e instanceof CanceledFailure || CancellationScope.current().isCancelRequested()) {
        // A cancel surfaces as CanceledFailure, or as an ActivityFailure caused by one.
        status = STATUS_CANCELLED;
        failure = "cancelled through Temporal";
        tracker.phase("cancelled");
        // The workflow's scope is cancelled: record the end from a scope the cancel does not reach.
        Workflow.newDetachedCancellationScope(() -> {
          release();
          recordEnd(STATUS_CANCELLED);
        }).run();
        throw e;
      }
      status = STATUS_FAILED;
      failure = e.getMessage();
      release();
      tracker.phase("failed");
      recordEnd(STATUS_FAILED);
      throw e;
    }
  }

  /** The report of a completed migration. */
  protected MigrationReport completed(PrepareReport prepared, ProducersMovedResult moved, DrainResult drained, ConsumersMovedResult onTarget) {
    return completed(prepared, moved, drained, onTarget, null);
  }

  protected MigrationReport completed(
      PrepareReport prepared, ProducersMovedResult moved, DrainResult drained, ConsumersMovedResult onTarget, MirrorOutcome mirror) {
    return new MigrationReport(
        id(), plan.scheme().id(), STATUS_COMPLETED, topics, prepared, moved,
        drained == null ? null : drained.last(), onTarget, tracker.steps(), gates.decisions(), mirror);
  }

  /** The migration's end, recorded after its last audit entry so the log never trails the status. */
  private void recordEnd(String endStatus) {
    auditLog.awaitWritten();
    try {
      store.recordStatus(id(), plan, endStatus);
    } catch (io.temporal.failure.ActivityFailure e) {
      // Only a refusal of the data gets here (the store is retried until it answers): the migration still ends.
      storeProblem("status " + endStatus + " was not written: " + ProgressTracker.reason(e));
    }
  }

  /** When the migration ends other than completed (after an abort's rollback, a cancel, a failure): MirrorMaker must not go on copying. */
  private void release() {
    if (mirror != null) {
      mirror.stopQuietly();
    }
  }

  protected String id() {
    return Workflow.getInfo().getWorkflowId();
  }

  static final int STORE_PROBLEMS_KEPT = 20;

  private void storeProblem(String problem) {
    storeProblems.add(problem);
    if (storeProblems.size() > STORE_PROBLEMS_KEPT) {
      storeProblems.remove(0);
    }
  }

  private void audit(DecisionRecord record) {
    auditLog.write(new AuditEntry(id(), record.gate(), record.action(), record.by(), record.comment(), record.at(), record.source()));
  }


  @Override
  public DecisionRecord approve(GateDecision decision) {
    return gates.decide(decision, true);
  }

  @Override
  public void validateApprove(GateDecision decision) {
    gates.checkDecision(decision);
  }

  @Override
  public DecisionRecord reject(GateDecision decision) {
    return gates.decide(decision, false);
  }

  @Override
  public void validateReject(GateDecision decision) {
    gates.checkDecision(decision);
  }

  @Override
  public String abort(AbortRequest request) {
    gates.abort(request);
    if (phases != null && phases.repointInFlight() != null) {
      return "abort accepted: the repoint of " + phases.repointInFlight() + " in progress finishes first, then every client moved is pointed back to "
          + plan.source() + " and verified";
    }
    return phases != null && phases.clientsMoved()
        ? "abort accepted: clients moved so far are pointed back to " + plan.source() + " and verified"
        : "abort accepted: the migration stops at its next step; nothing client-facing changed";
  }

  @Override
  public void validateAbort(AbortRequest request) {
    gates.checkAbort(request);
  }

  @Override
  public void approveSignal(GateDecision decision) {
    gates.decideBySignal(decision, true);
  }

  @Override
  public void rejectSignal(GateDecision decision) {
    gates.decideBySignal(decision, false);
  }

  @Override
  public void abortSignal(AbortRequest request) {
    gates.abortBySignal(request);
  }

  @Override
  public Progress progress() {
    String shownStatus = STATUS_RUNNING.equals(status) && gates.open() != null ? "WAITING_FOR_APPROVAL" : status;
    return new Progress(
        Workflow.getInfo().getWorkflowId(),
        plan == null ? null : plan.scheme().id(),
        tracker.phase(),
        shownStatus,
        topics,
        tracker.steps(),
        gates.open(),
        gates.decisions(),
        gates.ignoredSignals(),
        lastLag,
        failure,
        rollback,
        List.copyOf(storeProblems));
  }
}
