package io.kmigrate.workflows;

import static io.kmigrate.workflows.WorkflowTime.now;

import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.AuditAction;
import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.contract.ConsumersMovedResult;
import io.kmigrate.workflows.contract.DrainResult;
import io.kmigrate.workflows.contract.MigrationStatus;
import io.kmigrate.workflows.contract.PrepareReport;
import io.kmigrate.workflows.contract.ProducersMovedResult;
import io.kmigrate.workflows.contract.RollbackReport;
import io.kmigrate.workflows.contract.StoreActivities;
import io.kmigrate.workflows.gates.AbortRequest;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.kmigrate.workflows.gates.GateDecision;
import io.kmigrate.workflows.gates.GateKeeper;
import io.kmigrate.workflows.gates.MigrationAbortedException;
import io.kmigrate.workflows.progress.LeftOnTarget;
import io.kmigrate.workflows.progress.Progress;
import io.kmigrate.workflows.progress.ProgressTracker;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * What every scheme shares: the handlers (decisions, aborts, the progress query), the migration
 * record and audit log, and how a migration ends. The contract with a scheme is {@link #migrate}:
 * it runs the runbook's steps on the {@link Migration} it is given, in its order, and returns the
 * report. Whichever way those steps end, this class records the status; an abort rolls back
 * every client the steps repointed, on the topics preflight resolved; an abort, a cancel or a
 * failure stops a mirror the steps started.
 */
public abstract class MigrationWorkflowBase implements MigrationControl {
  /** How many audit entries the store refused progress keeps, newest last. */
  static final int STORE_PROBLEMS_KEPT = 20;

  private final StoreActivities store = ActivityStubs.durable(StoreActivities.class);
  private final ProgressTracker tracker = new ProgressTracker();
  private final List<String> storeProblems = new ArrayList<>();
  private final AuditWriter auditLog = new AuditWriter(store, this::storeProblem);
  private final GateKeeper gates = new GateKeeper(this::audit, auditLog::written);
  private MigrationPlan plan;
  private Migration migration;
  private RollbackReport rollback;
  private MigrationStatus status = MigrationStatus.RUNNING;
  private String failure;

  /** The scheme's steps, in the runbook's order; see the class comment for what the base does around them. */
  abstract MigrationReport migrate(Migration m);

  /** Runs the scheme, recording the migration's status in the store whichever way it ends. */
  protected MigrationReport execute(MigrationPlan plan) {
    if (plan == null || plan.scheme() == null || plan.name() == null) {
      // Only a start that bypassed the API (e.g. `temporal workflow start`) gets here.
      throw ApplicationFailure.newNonRetryableFailure(
          "the input must be a migration plan with at least name and scheme (see config/examples)", "InvalidPlan");
    }
    this.plan = plan;
    this.migration = new Migration(plan, tracker, gates);
    tracker.onPhase(migration::refreshView);
    gates.onOpenChanged(migration::refreshView);
    migration.refreshView();
    store.recordStatus(id(), plan, MigrationStatus.RUNNING);
    try {
      MigrationReport report = migrate(migration);
      status = MigrationStatus.COMPLETED;
      tracker.phase("completed");
      recordEnd(MigrationStatus.COMPLETED);
      migration.notifier().ended("completed");
      return report;
    } catch (MigrationAbortedException e) {
      failure = e.getMessage();
      auditLog.write(new AuditEntry(id(), null, AuditAction.ABORTED, e.request().by(), e.request().reason(), now(), e.request().source()));
      if (migration.clientsMoved()) {
        tracker.phase("rolling-back");
        rollback = migration.rollBack(e.request().reason(), e.request().by());
        auditLog.write(new AuditEntry(id(), null, AuditAction.ROLLED_BACK, "kmigrate",
            String.join(", ", rollback.repointedBack()) + " back on " + plan.source() + "; " + rollback.strandedTotal()
                + " record(s) left on " + plan.target(), now()));
      }
      migration.releaseMirror();
      status = MigrationStatus.ABORTED;
      tracker.phase("aborted");
      recordEnd(MigrationStatus.ABORTED);
      migration.notifier().ended("aborted by " + e.request().by() + ": " + e.request().reason()
          + (rollback == null ? "" : "; rolled back, " + rollback.strandedTotal() + " record(s) left on " + plan.target()));
      throw rollback == null
          ? ApplicationFailure.newNonRetryableFailure(e.getMessage(), ABORTED_FAILURE)
          : ApplicationFailure.newNonRetryableFailure(e.getMessage() + " (rolled back)", ABORTED_FAILURE, rollback);
    } catch (RuntimeException e) {
      if (e instanceof CanceledFailure || CancellationScope.current().isCancelRequested()) {
        // A cancel surfaces as CanceledFailure, or as an ActivityFailure caused by one.
        status = MigrationStatus.CANCELLED;
        failure = "cancelled through Temporal";
        tracker.phase("cancelled");
        // The workflow's scope is cancelled: record the end from a scope the cancel does not reach.
        Workflow.newDetachedCancellationScope(() -> {
          migration.releaseMirror();
          recordEnd(MigrationStatus.CANCELLED);
        }).run();
        throw e;
      }
      status = MigrationStatus.FAILED;
      failure = e.getMessage();
      migration.releaseMirror();
      tracker.phase("failed");
      recordEnd(MigrationStatus.FAILED);
      migration.notifier().ended("failed: " + ProgressTracker.reason(e));
      throw e;
    }
  }

  /** The report of a completed migration; {@code drained} and {@code mirror} are null where the scheme has none. */
  MigrationReport completed(
      PrepareReport prepared, ProducersMovedResult moved, DrainResult drained, ConsumersMovedResult onTarget, MirrorOutcome mirror) {
    return new MigrationReport(
        id(), plan.scheme().id(), MigrationStatus.COMPLETED, migration.topics(), prepared, moved,
        drained == null ? null : drained.last(), onTarget, tracker.steps(), gates.decisions(), mirror);
  }

  /** The migration's end, recorded after its last audit entry so the log never trails the status. */
  private void recordEnd(MigrationStatus endStatus) {
    auditLog.awaitWritten();
    try {
      store.recordStatus(id(), plan, endStatus);
    } catch (ActivityFailure e) {
      // Only a refusal of the data gets here (the store is retried until it answers): the migration still ends.
      storeProblem("status " + endStatus + " was not written: " + ProgressTracker.reason(e));
    }
  }

  private String id() {
    return Workflow.getInfo().getWorkflowId();
  }

  private void storeProblem(String problem) {
    storeProblems.add(problem);
    if (storeProblems.size() > STORE_PROBLEMS_KEPT) {
      storeProblems.remove(0);
    }
  }

  private void audit(DecisionRecord record) {
    if (record.action() == AuditAction.REMINDER && migration != null) {
      migration.notifier().reminded(gates.open(), record.at());
    }
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
    if (migration != null && migration.repointInFlight() != null) {
      return "abort accepted: the repoint of " + migration.repointInFlight() + " in progress finishes first, then every client moved is pointed back to "
          + plan.source() + " and verified";
    }
    return migration != null && migration.clientsMoved()
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
    MigrationStatus shown = status == MigrationStatus.RUNNING && gates.open() != null ? MigrationStatus.WAITING_FOR_APPROVAL : status;
    return new Progress(
        Workflow.getInfo().getWorkflowId(),
        plan == null ? null : plan.scheme().id(),
        tracker.phase(),
        shown,
        migration == null ? List.of() : migration.topics(),
        tracker.steps(),
        gates.open(),
        gates.decisions(),
        gates.ignoredSignals(),
        migration == null ? null : migration.lastLag(),
        failure,
        rollback,
        List.copyOf(storeProblems),
        status == MigrationStatus.RUNNING || status == MigrationStatus.COMPLETED || migration == null ? null : LeftOnTarget.of(migration.prepared()));
  }
}
