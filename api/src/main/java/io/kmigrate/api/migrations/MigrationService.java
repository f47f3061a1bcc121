package io.kmigrate.api.migrations;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kmigrate.activities.Causes;
import io.kmigrate.activities.store.AuditLog;
import io.kmigrate.activities.store.MigrationRecord;
import io.kmigrate.activities.store.MigrationStore;
import io.kmigrate.activities.store.StoreUnreachable;
import io.kmigrate.config.GateName;
import io.kmigrate.config.InputLimits.Field;
import io.kmigrate.config.InputLimits;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.PlanLoader;
import io.kmigrate.config.PlanValidator;
import io.kmigrate.config.outbound.OutboundPolicy;
import io.kmigrate.worker.TemporalConnection;
import io.kmigrate.workflows.Campaign;
import io.kmigrate.workflows.MigrationControl;
import io.kmigrate.workflows.contract.AuditAction;
import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.gates.AbortRequest;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.kmigrate.workflows.gates.GateDecision;
import io.kmigrate.workflows.gates.GateVerdict;
import io.kmigrate.workflows.progress.Progress;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.GlobalDataConverter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.JdbiException;

/**
 * Starting and steering migrations through Temporal, with Temporal's answers translated into the
 * API's: 404 unknown migration or gate, 409 already running or gate not open, 400 bad input.
 */
public final class MigrationService {

  private final TemporalConnection temporal;
  private final Set<String> clusterNames;
  private final OutboundPolicy webhooks;
  private final MigrationStore store;
  private final AuditLog audit;
  private final boolean searchAttributes;
  private final WorkflowUpdates updates;

  /** @param webhooks where the workers' webhooks may go: a plan naming another destination is refused */
  public MigrationService(TemporalConnection temporal, Set<String> clusterNames, OutboundPolicy webhooks, MigrationStore store, AuditLog audit) {
    this(temporal, clusterNames, webhooks, store, audit, false);
  }

  /** @param searchAttributes whether the Temporal server has kmigrate's search attributes: a start then sets them */
  public MigrationService(TemporalConnection temporal, Set<String> clusterNames, OutboundPolicy webhooks, MigrationStore store, AuditLog audit,
      boolean searchAttributes) {
    this.temporal = temporal;
    this.clusterNames = Set.copyOf(clusterNames);
    this.webhooks = webhooks;
    this.store = store;
    this.audit = audit;
    this.searchAttributes = searchAttributes;
    this.updates = new WorkflowUpdates(temporal, this::notRunning);
  }

  /** The result of a start: the workflow id (the plan's name) and run id. */
  public record Started(String id, String runId, String workflowType) {}

  /**
   * A migration as the API shows it: Temporal's status, the progress query, the live wait state, the
   * audit log. When the store does not answer, {@code audit} is null and {@code storeProblem} says
   * why: the rest comes from Temporal, where the migration's state lives.
   */
  public record View(String id, String workflowStatus, Progress progress, JsonNode liveWait, List<AuditEntry> audit, String storeProblem) {}

  public MigrationPlan parseAndValidate(String body) {
    return new PlanValidator(clusterNames, webhooks).parseValid(body);
  }

  /** Who the audit log names for a start on an open API: the start request (a plan) carries no person. */
  public static final String STARTED_BY = "api";

  /**
   * Starts the plan's workflow and writes "started" to the audit log with {@code by} (the
   * authenticated user, or {@link #STARTED_BY}) and {@code source}, the requester's address. The
   * API writes this entry, not the workflow: only the API knows the address, and the workflow's
   * input stays the plan alone (a start through the Temporal CLI is therefore not in the audit
   * log; its decisions are).
   */
  /** Whether the Temporal server has kmigrate's search attributes, so a start may set them. */
  boolean searchAttributes() {
    return searchAttributes;
  }

  public Started start(MigrationPlan plan, String by, String source) {
    // The start is audited after Temporal takes it; a store that is down would leave a migration
    // running with no "started" entry, so it is asked first (it answers 503 through the mapper).
    store.find(plan.name());
    WorkflowOptions.Builder options = WorkflowOptions.newBuilder()
        .setWorkflowId(plan.name())
        .setTaskQueue(MigrationControl.TASK_QUEUE)
        // A completed migration is never run again under its name; a failed one may be retried.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
        // What the Temporal UI shows on the workflow and in its list.
        .setStaticSummary(StartSummary.summary(plan))
        .setStaticDetails(StartSummary.details(plan, by, source));
    if (searchAttributes) {
      options.setTypedSearchAttributes(StartSummary.searchAttributes(plan));
    }
    WorkflowStub stub = temporal.client().newUntypedWorkflowStub(plan.scheme().workflowType(), options.build());
    try {
      WorkflowExecution execution = stub.start(plan);
      Started started = new Started(execution.getWorkflowId(), execution.getRunId(), plan.scheme().workflowType());
      auditStart(started, plan, by, source);
      return started;
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new MigrationException.Refused("migration '" + plan.name() + "' was already started: choose another name or steer the existing one");
    }
  }

  private void auditStart(Started started, MigrationPlan plan, String by, String source) {
    // Milliseconds, like the workflow's own entries (WorkflowTime), so every timestamp reads alike.
    String at = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    try {
      audit.append(new AuditEntry(
          started.id(), null, AuditAction.STARTED, by, "scheme " + plan.scheme().id() + ", run " + started.runId(), at, source));
    } catch (RuntimeException e) {
      // The workflow runs already and cannot be un-started; say so rather than answer as if nothing began.
      throw new MigrationException.Unavailable("migration '" + started.id() + "' started (run " + started.runId()
          + ") but its start could not be written to the audit log: " + rootMessage(e));
    }
  }

  public List<MigrationRecord> list() {
    return store.list();
  }

  /** How many of the newest migrations a filter checks one by one where the server has no visibility query. */
  static final int FILTER_CHECKED = 200;

  /**
   * The migrations that match {@code filter}, newest first. Answered with a visibility query where
   * the server supports one and has kmigrate's search attributes; else (Temporal's in-memory server
   * has no visibility queries) by asking the newest {@value #FILTER_CHECKED} migrations themselves.
   */
  public List<MigrationRecord> list(MigrationFilter filter) {
    List<MigrationRecord> all = store.list();
    if (filter.none()) {
      return all;
    }
    Optional<Set<String>> found = visibilityQuery(filter);
    if (found.isPresent()) {
      return all.stream().filter(r -> found.get().contains(r.id())).toList();
    }
    return all.stream().limit(FILTER_CHECKED).filter(r -> matchesNow(r, filter)).toList();
  }

  private Optional<Set<String>> visibilityQuery(MigrationFilter filter) {
    if (!searchAttributes) {
      return Optional.empty();
    }
    try {
      return Optional.of(temporal.client().listExecutions(filter.query()).limit(10_000)
          .map(m -> m.getExecution().getWorkflowId()).collect(Collectors.toSet()));
    } catch (RuntimeException e) {
      if (Causes.root(e) instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return Optional.empty();
      }
      throw WorkflowUpdates.unavailable("Temporal did not answer the visibility query " + filter.query() + ": try again shortly", e);
    }
  }

  /** The migration's own answer: its clusters from the plan, its phase and open gate from its progress. */
  private boolean matchesNow(MigrationRecord record, MigrationFilter filter) {
    MigrationPlan plan;
    try {
      plan = PlanLoader.parse(record.plan());
    } catch (RuntimeException unreadable) {
      return false;
    }
    if (!filter.matches(filter.phase(), filter.gate(), plan.source(), plan.target())) {
      return false; // the clusters differ
    }
    if (filter.phase() == null && filter.gate() == null) {
      return true;
    }
    Progress p;
    try {
      p = query(record.id());
    } catch (MigrationException e) {
      return false; // no worker answers for it now: it cannot be shown to match
    }
    return filter.matches(p.phase(), p.openGate() == null ? "" : p.openGate().name(), plan.source(), plan.target());
  }

  public View view(String id) {
    DescribeWorkflowExecutionResponse described = describe(id);
    String status = described.getWorkflowExecutionInfo().getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    Progress progress = query(id);
    JsonNode live = described.getPendingActivitiesList().stream()
        .filter(a -> a.hasHeartbeatDetails())
        .findFirst()
        .map(a -> GlobalDataConverter.get().fromPayloads(0, Optional.of(a.getHeartbeatDetails()), JsonNode.class, JsonNode.class))
        .orElse(null);
    try {
      return new View(id, status, progress, live, audit.forMigration(id), null);
    } catch (JdbiException e) {
      if (!StoreUnreachable.is(e)) {
        throw e;
      }
      return new View(id, status, progress, live, null, "audit log unavailable: " + rootMessage(e));
    }
  }

  public Progress query(String id) {
    try {
      return temporal.client().newUntypedWorkflowStub(id).query(MigrationControl.PROGRESS, Progress.class);
    } catch (WorkflowNotFoundException e) {
      throw new MigrationException.Unknown("no migration '" + id + "'");
    } catch (WorkflowException e) {
      // No worker answered the query (none running, or its workflow task is failing).
      throw WorkflowUpdates.unavailable("migration '" + id + "' exists but its progress cannot be read now: no worker answered in time", e);
    }
  }

  private static String rootMessage(Throwable e) {
    return Causes.root(e).getMessage();
  }

  /**
   * The migration's audit log, oldest first. Read from the store only, so it stays readable when
   * Temporal is down or has dropped the workflow's history; a migration is unknown when the store
   * has neither its row nor an audit entry (the row is written by the workflow's first activity,
   * the "started" entry by {@link #start} before it).
   */
  public List<AuditEntry> audit(String id) {
    List<AuditEntry> entries = audit.forMigration(id);
    if (entries.isEmpty() && store.find(id).isEmpty()) {
      throw new MigrationException.Unknown("no migration '" + id + "'");
    }
    return entries;
  }

  /**
   * Approves or rejects the gate {@code decision} names. {@code decision.source()} is the
   * requester's address, recorded with it in the audit log.
   */
  public DecisionRecord decide(String id, GateVerdict verdict, GateDecision decision) {
    WorkflowUpdates.refuseOverLimits(Field.oneLine("by", decision.by(), InputLimits.BY), Field.text("comment", decision.comment(), InputLimits.COMMENT),
        Field.oneLine("openedAt", decision.openedAt(), InputLimits.OPENED_AT));
    if (!GateName.ALL.contains(decision.gate())) {
      throw new MigrationException.Unknown("no gate '" + decision.gate() + "': gates are " + GateName.ALL.stream().sorted().toList());
    }
    if (decision.by() == null || decision.by().isBlank()) {
      throw new MigrationException.BadInput("by: name the person deciding, e.g. {\"by\": \"alice\", \"comment\": \"ok\"}");
    }
    if (verdict == GateVerdict.REJECT && (decision.comment() == null || decision.comment().isBlank())) {
      // A rejection aborts or holds a migration: the audit log must say why.
      throw new MigrationException.BadInput("comment: say why the gate is rejected, e.g. {\"by\": \"alice\", \"comment\": \"target not ready\"}");
    }
    describe(id);
    return updates.update(id, verdict.updateName(), DecisionRecord.class, decision);
  }

  /** Aborts the migration; {@code request.source()} is the requester's address, recorded with it in the audit log. */
  public String abort(String id, AbortRequest request) {
    WorkflowUpdates.refuseOverLimits(Field.oneLine("by", request.by(), InputLimits.BY), Field.text("reason", request.reason(), InputLimits.COMMENT));
    describe(id);
    return updates.update(id, MigrationControl.ABORT, String.class, request);
  }

  /** A decision or abort for a migration that ended: 409 naming how it ended, as the store recorded it. */
  private MigrationException notRunning(String id) {
    String ended;
    try {
      ended = store.find(id).map(r -> ": it ended " + r.status()).orElse("");
    } catch (RuntimeException storeDown) {
      ended = ""; // the refusal stands without the detail
    }
    return new MigrationException.Refused("migration '" + id + "' is not running" + ended + "; no decision or abort is taken any more");
  }

  private DescribeWorkflowExecutionResponse describe(String id) {
    return updates.describe(id, type -> !type.equals(Campaign.TYPE), "migration");
  }
}
