package io.kmigrate.workflows;

import io.kmigrate.config.CampaignPlan;
import io.kmigrate.config.FailurePolicy;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.campaign.CampaignProgress;
import io.kmigrate.workflows.campaign.CampaignStatus;
import io.kmigrate.workflows.campaign.UnitState;
import io.kmigrate.workflows.campaign.UnitStatus;
import io.kmigrate.workflows.campaign.WaveDecision;
import io.kmigrate.workflows.contract.AuditAction;
import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.contract.StoreActivities;
import io.kmigrate.workflows.gates.AbortRequest;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.ChildWorkflowStub;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign's waves: a gate, then the wave's units as child workflows, then their ends. Children
 * are abandoned when the campaign closes (a terminated campaign leaves its migrations to finish or
 * be steered one by one); an abort is passed to each running one as its own abort signal.
 */
public class CampaignImpl implements Campaign {
  /**
   * Started, not awaited: a wave's fifty units each waited for their audit write before the next
   * one started (wave approved -> last unit started 14 s, bench campaign); refusals are logged.
   */
  private final AuditWriter auditLog = new AuditWriter(ActivityStubs.durable(StoreActivities.class, "campaign audit"), refused -> {});

  private String name;
  private FailurePolicy onFailure;
  private CampaignStatus status = CampaignStatus.RUNNING;
  /** Decided before the audit log is flushed; {@link #status} takes it once the campaign is about to close. */
  private CampaignStatus outcome;
  private final List<List<UnitState>> waves = new ArrayList<>();
  private final List<DecisionRecord> decisions = new ArrayList<>();
  private Integer openWave;
  private String waveOpenedAt;
  private WaveDecision approved;
  private boolean stopped;
  private AbortRequest abort;

  @Override
  public CampaignProgress run(CampaignPlan plan) {
    name = plan.name();
    onFailure = plan.onFailure();
    for (List<String> wave : plan.waves()) {
      waves.add(new ArrayList<>(wave.stream().map(u -> new UnitState(u, plan.plan(u).scheme().id(), UnitStatus.PENDING, null)).toList()));
    }
    for (int w = 0; w < waves.size() && outcome == null; w++) {
      openWave = w + 1;
      waveOpenedAt = WorkflowTime.now();
      status = CampaignStatus.WAITING_FOR_APPROVAL;
      Workflow.await(() -> approved != null || stopped || abort != null);
      openWave = null;
      if (abort != null || stopped) {
        outcome = abort != null ? CampaignStatus.ABORTED : CampaignStatus.STOPPED;
        break;
      }
      WaveDecision go = approved;
      approved = null;
      status = CampaignStatus.RUNNING;
      runWave(plan, w, go);
      if (abort != null) {
        outcome = CampaignStatus.ABORTED;
      } else if (onFailure == FailurePolicy.STOP && waves.get(w).stream().anyMatch(u -> !u.status().fine())) {
        outcome = CampaignStatus.FAILED;
      }
    }
    if (outcome == null) {
      outcome = waves.stream().flatMap(List::stream).allMatch(u -> u.status().fine()) ? CampaignStatus.COMPLETED : CampaignStatus.FAILED;
    }
    for (List<UnitState> wave : waves) {
      wave.replaceAll(u -> u.status() == UnitStatus.PENDING ? u.with(UnitStatus.NOT_STARTED, "the campaign ended " + outcome) : u);
    }
    status = CampaignStatus.RUNNING; // no gate is open any more; it is writing its audit log
    auditLog.awaitWritten(); // the log holds every unit's start and every decision before the campaign ends
    // Only now: a caller that sees the campaign ended also finds its workflow closed (CI once read COMPLETED, then RUNNING).
    status = outcome;
    return progress();
  }

  private void runWave(CampaignPlan plan, int w, WaveDecision go) {
    List<UnitState> units = waves.get(w);
    Map<Integer, Promise<MigrationReport>> running = new LinkedHashMap<>();
    Map<Integer, ChildWorkflowStub> children = new LinkedHashMap<>();
    for (int i = 0; i < units.size(); i++) {
      UnitState unit = units.get(i);
      if (go.skip().contains(unit.unit())) {
        units.set(i, unit.with(UnitStatus.SKIPPED, "skipped by " + go.by()));
        continue;
      }
      MigrationPlan unitPlan = plan.plan(unit.unit());
      ChildWorkflowStub child = Workflow.newUntypedChildWorkflowStub(unitPlan.scheme().workflowType(), ChildWorkflowOptions.newBuilder()
          .setWorkflowId(unitPlan.name())
          .setTaskQueue(MigrationControl.TASK_QUEUE)
          .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
          .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
          .setStaticSummary("unit of campaign " + name + ", wave " + (w + 1))
          .build());
      running.put(i, child.executeAsync(MigrationReport.class, unitPlan));
      children.put(i, child);
      units.set(i, unit.with(UnitStatus.RUNNING, null));
      auditLog.write(new AuditEntry(unitPlan.name(), null, AuditAction.STARTED, go.by(),
          "campaign " + name + ", wave " + (w + 1) + ": scheme " + unitPlan.scheme().id(), WorkflowTime.now(), go.source()));
    }
    Workflow.await(() -> abort != null || running.values().stream().allMatch(Promise::isCompleted));
    if (abort != null) {
      AbortRequest why = abort;
      running.forEach((i, result) -> {
        if (!result.isCompleted()) {
          abortChild(children.get(i), new AbortRequest("campaign " + name + " aborted: " + why.reason(), why.by(), why.source()));
        }
      });
      Workflow.await(() -> running.values().stream().allMatch(Promise::isCompleted));
    }
    running.forEach((i, result) -> units.set(i, ended(units.get(i), result)));
  }

  /**
   * Passes the campaign's abort to a running unit as the unit's own abort signal, once its
   * workflow has started (a signal to one not started yet would find nobody). A unit that ended
   * or never started meanwhile needs none.
   */
  private static void abortChild(ChildWorkflowStub child, AbortRequest request) {
    try {
      child.getExecution().get();
      child.signal(MigrationControl.ABORT_SIGNAL, request);
    } catch (RuntimeException endedOrNeverStarted) {
      // its result says how it ended
    }
  }

  /** How a unit ended: a migration that completed returns its report; one aborted, cancelled or failed fails its workflow. */
  private static UnitState ended(UnitState unit, Promise<MigrationReport> result) {
    try {
      return unit.with(UnitStatus.of(result.get().status()), null);
    } catch (ChildWorkflowFailure e) {
      Throwable cause = e.getCause();
      if (cause instanceof ApplicationFailure af && MigrationControl.ABORTED_FAILURE.equals(af.getType())) {
        return unit.with(UnitStatus.ABORTED, af.getOriginalMessage());
      }
      if (cause instanceof CanceledFailure) {
        return unit.with(UnitStatus.CANCELLED, "cancelled through Temporal");
      }
      // It failed, or never started (a workflow of that id already ran): the cause says which.
      String why = cause instanceof ApplicationFailure af ? af.getOriginalMessage() : cause != null ? cause.getMessage() : e.getMessage();
      return unit.with(UnitStatus.FAILED, why);
    } catch (RuntimeException e) {
      return unit.with(UnitStatus.FAILED, e.getMessage());
    }
  }

  @Override
  public DecisionRecord approveWave(WaveDecision decision) {
    DecisionRecord record = decide(decision, AuditAction.APPROVED);
    approved = decision;
    return record;
  }

  @Override
  public void validateApproveWave(WaveDecision decision) {
    validateWave(decision);
    List<String> units = waves.get(decision.wave() - 1).stream().map(UnitState::unit).toList();
    for (String skip : decision.skip()) {
      if (!units.contains(skip)) {
        throw new IllegalArgumentException("skip: '" + skip + "' is not a unit of wave " + decision.wave() + " " + units);
      }
    }
  }

  @Override
  public DecisionRecord stopAtWave(WaveDecision decision) {
    DecisionRecord record = decide(decision, AuditAction.REJECTED);
    stopped = true;
    return record;
  }

  @Override
  public void validateStopAtWave(WaveDecision decision) {
    validateWave(decision);
  }

  private void validateWave(WaveDecision decision) {
    decision.limitProblem().ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
    if (decision.by() == null || decision.by().isBlank()) {
      throw new IllegalArgumentException("by: name the person deciding, e.g. {\"by\": \"alice\", \"comment\": \"ok\"}");
    }
    if (openWave == null || decision.wave() != openWave || approved != null || stopped || abort != null) {
      throw new IllegalStateException(
          "wave " + decision.wave() + " of campaign " + name + " is not open" + (openWave == null ? "" : ": wave " + openWave + " is"));
    }
  }

  private DecisionRecord decide(WaveDecision decision, AuditAction action) {
    DecisionRecord record = new DecisionRecord("wave-" + decision.wave(), action, decision.by(), decision.comment(), WorkflowTime.now(),
        decision.source());
    decisions.add(record);
    auditLog.write(new AuditEntry(name, record.gate(), action, decision.by(),
        decision.comment() == null ? (decision.skip().isEmpty() ? "" : "skip " + decision.skip())
            : decision.comment() + (decision.skip().isEmpty() ? "" : " (skip " + decision.skip() + ")"),
        record.at(), decision.source()));
    return record;
  }

  @Override
  public String abort(AbortRequest request) {
    abort = request;
    auditLog.write(new AuditEntry(name, null, AuditAction.ABORTED, request.by(), request.reason(), WorkflowTime.now(), request.source()));
    return "aborting campaign " + name + ": its running units are aborted and roll back; no further wave starts";
  }

  @Override
  public void validateAbort(AbortRequest request) {
    request.limitProblem().ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
    if (request.by() == null || request.by().isBlank()) {
      throw new IllegalArgumentException("by: name the person aborting");
    }
    if (abort != null || outcome != null) {
      throw new IllegalStateException("campaign " + name + " is " + (abort != null ? "aborting already" : "over: " + outcome));
    }
  }

  @Override
  public CampaignProgress progress() {
    return new CampaignProgress(name, status, onFailure, openWave, waveOpenedAt, waves.stream().map(List::copyOf).toList(), List.copyOf(decisions));
  }
}
