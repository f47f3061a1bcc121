package io.kmigrate.api.migrations;

import io.kmigrate.activities.store.AuditLog;
import io.kmigrate.activities.store.CampaignRecord;
import io.kmigrate.activities.store.CampaignStore;
import io.kmigrate.activities.store.MigrationStore;
import io.kmigrate.config.CampaignLoader;
import io.kmigrate.config.CampaignPlan;
import io.kmigrate.config.InputLimits.Field;
import io.kmigrate.config.InputLimits;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.PlanValidator;
import io.kmigrate.worker.TemporalConnection;
import io.kmigrate.workflows.Campaign;
import io.kmigrate.workflows.MigrationControl;
import io.kmigrate.workflows.campaign.CampaignProgress;
import io.kmigrate.workflows.campaign.UnitState;
import io.kmigrate.workflows.campaign.UnitStatus;
import io.kmigrate.workflows.campaign.WaveDecision;
import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.gates.AbortRequest;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.kmigrate.workflows.progress.Progress;
import io.kmigrate.workflows.visibility.MigrationSearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Campaigns through Temporal: start one (every unit's plan checked first, none already a
 * migration), read its progress with each running unit's phase and open gate, decide a wave's
 * gate, abort it.
 */
public final class CampaignService {
  private final TemporalConnection temporal;
  private final CampaignLoader loader;
  private final MigrationStore store;
  private final CampaignStore campaigns;
  private final AuditLog audit;
  private final MigrationService migrations;
  private final WorkflowUpdates updates;
  /** Runs the reads of many workflows that one answer needs, a few at a time. */
  private final Executor reads;

  /**
   * {@code reads} runs the queries a view or the list makes to Temporal side by side: one after
   * another, the 45 running units of a wave took a view past a reader's 8 s timeout on a busy
   * worker (bench campaign).
   */
  public CampaignService(TemporalConnection temporal, PlanValidator plans, MigrationStore store, CampaignStore campaigns, AuditLog audit,
      MigrationService migrations, Executor reads) {
    this.temporal = temporal;
    this.reads = reads;
    this.loader = new CampaignLoader(plans);
    this.store = store;
    this.campaigns = campaigns;
    this.audit = audit;
    this.migrations = migrations;
    this.updates = new WorkflowUpdates(temporal,
        id -> new MigrationException.Refused("campaign '" + id + "' is not running; no decision or abort is taken any more"));
  }

  /** What a start returns: the campaign's id, its run, and its units in their waves. */
  public record Started(String id, String runId, List<List<String>> waves) {}

  /**
   * A campaign as the API shows it: Temporal's status, the campaign's progress, each running unit's
   * phase and open gate (null when its migration did not answer), and the campaign's audit log.
   */
  public record View(String id, String workflowStatus, CampaignProgress progress, Map<String, UnitNow> units, List<AuditEntry> audit) {}

  /**
   * A campaign in the list: the store's row and the campaign's own status (STOPPED, say, where
   * Temporal only says its workflow completed), or Temporal's when no worker answers; null when
   * neither did.
   */
  public record Listed(String id, String status, int units, int waves, String onFailure, String startedBy, String createdAt) {}

  /** A running unit right now, from its migration's own progress. */
  public record UnitNow(String phase, String openGate) {}

  public CampaignPlan parseValid(String text) {
    return loader.parseValid(text);
  }

  public Started start(CampaignPlan plan, String by, String source) {
    for (MigrationPlan unit : plan.plans()) {
      if (store.find(unit.name()).isPresent()) {
        throw new MigrationException.Refused("unit '" + unit.name() + "': a migration of that name exists already; rename the unit's plan");
      }
    }
    WorkflowOptions.Builder options = WorkflowOptions.newBuilder()
        .setWorkflowId(plan.name())
        .setTaskQueue(MigrationControl.TASK_QUEUE)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setStaticSummary("campaign: " + plan.units() + " unit(s) in " + plan.waves().size() + " wave(s), on failure " + plan.onFailure().id())
        .setStaticDetails("started by " + by + (source == null ? "" : " from " + source));
    if (migrations.searchAttributes()) {
      // Its units set the same attribute to the campaign's id once their preflight found it registered.
      options.setTypedSearchAttributes(SearchAttributes.newBuilder().set(MigrationSearchAttributes.CAMPAIGN, plan.name()).build());
    }
    WorkflowStub stub = temporal.client().newUntypedWorkflowStub(Campaign.TYPE, options.build());
    try {
      WorkflowExecution execution = stub.start(plan);
      // Listed once Temporal took it; a store that is down answers 503 here, and the campaign runs on.
      campaigns.insert(new CampaignRecord(plan.name(), plan.units(), plan.waves().size(), plan.onFailure().id(), by, Instant.now()));
      return new Started(execution.getWorkflowId(), execution.getRunId(), plan.waves());
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new MigrationException.Refused("campaign '" + plan.name() + "' was already started: choose another name");
    }
  }

  /** The newest campaigns (at most {@link CampaignStore#LISTED}), each with its status in Temporal. */
  public List<Listed> list() {
    List<CampaignRecord> listed = campaigns.list();
    Map<String, String> statuses = each(listed.stream().map(CampaignRecord::id).toList(), this::statusOf);
    return listed.stream().map(c -> new Listed(c.id(), statuses.get(c.id()), c.units(), c.waves(), c.onFailure(), c.startedBy(),
        c.createdAt().toString())).toList();
  }

  private String statusOf(String id) {
    try {
      return progress(id).status().name();
    } catch (MigrationException noWorker) {
      try {
        return describe(id);
      } catch (MigrationException unanswered) {
        return null;
      }
    }
  }

  public View view(String id) {
    String status = describe(id);
    CampaignProgress progress = progress(id);
    List<String> running = progress.waves().stream().flatMap(List::stream).filter(u -> u.status() == UnitStatus.RUNNING)
        .map(UnitState::unit).toList();
    return new View(id, status, progress, each(running, this::unitNow), audit.forMigration(id));
  }

  /** {@code read} of each key, in their order, run on {@link #reads} side by side; a read's exception is thrown as it was. */
  private <R> Map<String, R> each(List<String> keys, Function<String, R> read) {
    Map<String, CompletableFuture<R>> pending = new LinkedHashMap<>();
    keys.forEach(k -> pending.put(k, CompletableFuture.supplyAsync(() -> read.apply(k), reads)));
    Map<String, R> out = new LinkedHashMap<>(); // values may be null: no answer
    try {
      pending.forEach((k, f) -> out.put(k, f.join()));
    } catch (CompletionException e) {
      pending.values().forEach(f -> f.cancel(false)); // those not started yet are skipped
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
    return out;
  }

  private UnitNow unitNow(String unit) {
    try {
      Progress p = migrations.query(unit);
      return new UnitNow(p.phase(), p.openGate() == null ? null : p.openGate().name());
    } catch (MigrationException unanswered) {
      return null; // the campaign's own view stands without it
    }
  }

  public DecisionRecord decideWave(String id, boolean approve, WaveDecision decision) {
    WorkflowUpdates.refuseOverLimits(Field.oneLine("by", decision.by(), InputLimits.BY),
        Field.text("comment", decision.comment(), InputLimits.COMMENT));
    if (decision.by() == null || decision.by().isBlank()) {
      throw new MigrationException.BadInput("by: name the person deciding, e.g. {\"by\": \"alice\", \"comment\": \"ok\"}");
    }
    if (!approve && (decision.comment() == null || decision.comment().isBlank())) {
      throw new MigrationException.BadInput("comment: say why the campaign stops here, e.g. {\"by\": \"alice\", \"comment\": \"enough for today\"}");
    }
    describe(id);
    return updates.update(id, approve ? Campaign.APPROVE_WAVE : Campaign.STOP_AT_WAVE, DecisionRecord.class, decision);
  }

  public String abort(String id, AbortRequest request) {
    WorkflowUpdates.refuseOverLimits(Field.oneLine("by", request.by(), InputLimits.BY), Field.text("reason", request.reason(), InputLimits.COMMENT));
    if (request.by() == null || request.by().isBlank()) {
      throw new MigrationException.BadInput("by: name the person aborting, e.g. {\"by\": \"alice\", \"reason\": \"target degraded\"}");
    }
    describe(id);
    return updates.update(id, Campaign.ABORT, String.class, request);
  }

  /** The campaign's progress query; 404 when there is no such campaign, 503 when no worker answers. */
  public CampaignProgress progress(String id) {
    try {
      return temporal.client().newUntypedWorkflowStub(id).query(Campaign.PROGRESS, CampaignProgress.class);
    } catch (WorkflowNotFoundException e) {
      throw new MigrationException.Unknown("no campaign '" + id + "'");
    } catch (WorkflowException e) {
      throw WorkflowUpdates.unavailable("campaign '" + id + "' exists but its progress cannot be read now: no worker answered in time", e);
    }
  }

  /** Temporal's status of the campaign's workflow; 404 when there is none, or it is a migration. */
  private String describe(String id) {
    return updates.describe(id, Campaign.TYPE::equals, "campaign").getWorkflowExecutionInfo().getStatus().name()
        .replace("WORKFLOW_EXECUTION_STATUS_", "");
  }
}
