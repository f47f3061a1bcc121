package io.kmigrate.workflows;

import static io.kmigrate.workflows.WorkflowTime.now;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.ClientRole;
import io.kmigrate.config.GateConfig;
import io.kmigrate.config.GateName;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.RepointStrategy;
import io.kmigrate.workflows.contract.ConsumersJoinedRequest;
import io.kmigrate.workflows.contract.ConsumersJoinedResult;
import io.kmigrate.workflows.contract.ConsumersMovedRequest;
import io.kmigrate.workflows.contract.ConsumersMovedResult;
import io.kmigrate.workflows.contract.DrainRequest;
import io.kmigrate.workflows.contract.DrainResult;
import io.kmigrate.workflows.contract.GroupVerdict;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.PartitionLag;
import io.kmigrate.workflows.contract.RollbackReport;
import io.kmigrate.workflows.contract.PreflightActivities;
import io.kmigrate.workflows.contract.PreflightReport;
import io.kmigrate.workflows.contract.PrepareReport;
import io.kmigrate.workflows.contract.ProducersMovedRequest;
import io.kmigrate.workflows.contract.ProducersMovedResult;
import io.kmigrate.workflows.contract.RepointAction;
import io.kmigrate.workflows.contract.RepointActivities;
import io.kmigrate.workflows.contract.RepointRequest;
import io.kmigrate.workflows.contract.RepointResult;
import io.kmigrate.workflows.contract.StrayWrite;
import io.kmigrate.workflows.contract.TargetActivities;
import io.kmigrate.workflows.contract.TrafficActivities;
import io.kmigrate.workflows.contract.WaitSettings;
import io.kmigrate.workflows.gates.GateKeeper;
import io.kmigrate.workflows.gates.GateOutcome;
import io.kmigrate.workflows.gates.OpenGate;
import io.kmigrate.workflows.progress.ProgressTracker;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The phases every scheme runs the same way: preflight, prepare target, verify producers, drain. */
final class SharedPhases {
  /** Failure type of a failed preflight; its details list every finding. */
  static final String PREFLIGHT_FAILED = "PreflightFailed";

  private final MigrationPlan plan;
  private final ProgressTracker tracker;
  private final GateKeeper gates;
  private final PreflightActivities preflight = ActivityStubs.quick(PreflightActivities.class);
  private final TargetActivities target = ActivityStubs.quickHeartbeating(TargetActivities.class);
  private final TrafficActivities traffic;
  // Retried until it succeeds: a repoint that gives up after cutover would strand clients halfway.
  private final RepointActivities repoint = ActivityStubs.durable(RepointActivities.class);
  private final List<ClientMove> moves = new ArrayList<>();
  private String inFlight;

  SharedPhases(MigrationPlan plan, ProgressTracker tracker, GateKeeper gates) {
    this.plan = plan;
    this.tracker = tracker;
    this.gates = gates;
    this.traffic = ActivityStubs.waiting(TrafficActivities.class, plan.waits());
  }

  WaitSettings waitSettings() {
    return new WaitSettings(
        plan.waits().pollInterval().toMillis(), plan.waits().stableFor().toMillis(), plan.waits().stallAfter().toMillis());
  }

  /** @return the topics the plan resolves to; fails the workflow (and the step) listing every finding */
  List<String> preflight() {
    PreflightReport report =
        tracker.step(
            "preflight",
            () -> {
              PreflightReport r = preflight.preflight(plan);
              if (!r.passed()) {
                String list = r.findings().stream().map(Object::toString).collect(Collectors.joining("; "));
                throw ApplicationFailure.newNonRetryableFailure("preflight failed: " + list, PREFLIGHT_FAILED, r.findings());
              }
              return r;
            },
            r -> r.topics().size() + " topic(s) ready to move");
    gates.throwIfAborted();
    return report.topics();
  }

  PrepareReport prepareTarget(List<String> topics) {
    PrepareReport report =
        tracker.step(
            "prepare-target",
            () -> target.prepareTarget(plan, topics),
            r -> "created " + r.created().size() + ", already there " + r.alreadyMatching().size()
                + ", groups seeded " + r.seededGroups().size());
    gates.throwIfAborted();
    return report;
  }

  /**
   * Verifies from traffic that producers left the source. A producer still writing there opens
   * a gate naming its partitions: approve = go on anyway, reject = check again.
   */
  ProducersMovedResult verifyProducersMoved(List<String> topics) {
    return verifyProducersMoved("verify-producers", plan.source(), plan.target(), topics);
  }

  ProducersMovedResult verifyProducersMoved(String step, String from, String to, List<String> topics) {
    return tracker.step(
        step,
        () -> {
          List<String> clients = plan.clientsWithRole(ClientRole.PRODUCER).stream().map(ClientGroup::name).toList();
          ProducersMovedRequest request =
              new ProducersMovedRequest(from, to, topics, clients, waitSettings(), plan.waits().stallAfter().toMillis());
          while (true) {
            Optional<ProducersMovedResult> r =
                LongWait.run(
                    () -> Async.function(traffic::awaitProducersMoved, request),
                    plan.waits().maxWait(),
                    gates,
                    GateName.PRODUCERS_NOT_MOVED,
                    "producers leaving " + from);
            if (r.isEmpty() || r.get().moved()) {
              return r.orElse(null);
            }
            String strays = r.get().strays().stream().map(SharedPhases::describe).collect(Collectors.joining(", "));
            OpenGate gate =
                new OpenGate(
                    GateName.PRODUCERS_NOT_MOVED,
                    "producer(s) " + String.join(", ", clients) + " still write to " + from + ": " + strays,
                    "go on anyway: those writes stay on the source",
                    "check again (after fixing the client)",
                    now());
            if (gates.await(gate, GateConfig.requiredForever(), () -> false) == GateOutcome.APPROVED) {
              return r.get();
            }
            gates.throwIfAborted();
          }
        },
        r -> r == null ? "approved without verification" : (r.moved() ? "moved" : "not moved, approved") + (r.trafficSeen() ? "" : " (no traffic seen)"));
  }

  /**
   * Waits until every group consumed everything on the source. A stalled or stopped group ends
   * the wait early with a gate: approve = go on with lag left behind, reject = keep waiting.
   */
  DrainResult drainSource(List<String> topics, Consumer<LagSnapshot> onSnapshot) {
    return tracker.step(
        "drain-source",
        () -> {
          List<String> acknowledged = new ArrayList<>();
          while (true) {
            DrainRequest request = new DrainRequest(plan.source(), topics, plan.consumerGroups(), waitSettings(), acknowledged);
            Optional<DrainResult> r =
                LongWait.run(
                    () -> Async.function(traffic::awaitDrained, request),
                    plan.waits().maxWait(),
                    gates,
                    GateName.DRAIN_TIMEOUT,
                    "the source drained");
            if (r.isEmpty()) {
              return null;
            }
            DrainResult drain = r.get();
            onSnapshot.accept(drain.last());
            if (drain.drained()) {
              return drain;
            }
            String blocked = drain.blocked().stream().map(SharedPhases::describe).collect(Collectors.joining(", "));
            OpenGate gate =
                new OpenGate(
                    GateName.DRAIN_STALLED,
                    "consumer group(s) not draining: " + blocked,
                    "repoint consumers anyway: the lag left on the source is not consumed",
                    "keep waiting for the group(s)",
                    now());
            if (gates.await(gate, GateConfig.requiredForever(), () -> false) == GateOutcome.APPROVED) {
              return drain;
            }
            gates.throwIfAborted();
            drain.blocked().forEach(v -> acknowledged.add(v.group()));
          }
        },
        r -> r == null ? "approved without drain" : (r.drained() ? "drained" : "approved with lag " + r.last().totalLag()));
  }

  /** Verifies each group left the source and works on the target; maxWait opens a gate. */
  ConsumersMovedResult verifyConsumersMoved(List<String> topics, Consumer<LagSnapshot> onSnapshot) {
    return tracker.step(
        "verify-consumers",
        () -> {
          ConsumersMovedRequest request =
              new ConsumersMovedRequest(plan.source(), plan.target(), topics, plan.consumerGroups(), waitSettings());
          Optional<ConsumersMovedResult> r =
              LongWait.run(
                  () -> Async.function(traffic::awaitConsumersMoved, request),
                  plan.waits().maxWait(),
                  gates,
                  GateName.CONSUMERS_NOT_MOVED,
                  "consumers working on " + plan.target());
          r.ifPresent(c -> onSnapshot.accept(c.targetLag()));
          return r.orElse(null);
        },
        r -> r == null ? "approved without verification" : "consumers work on " + plan.target());
  }

  /** A gate before anything client-facing changed: reject aborts the migration. */
  void approveOrAbort(String gate, String question, String approveMeans, String rejectMeans) {
    if (!plan.gates().forGate(gate).isRequired()) {
      return;
    }
    tracker.phase("gate:" + gate);
    GateOutcome outcome =
        gates.await(new OpenGate(gate, question, approveMeans, rejectMeans, now()), plan.gates().forGate(gate), () -> false);
    if (outcome == GateOutcome.REJECTED) {
      throw gates.rejectionAbort("gate " + gate + " rejected");
    }
    gates.throwIfAborted();
  }

  /** A gate after producers moved: the only way is forward, so reject means "not yet". */
  void approveOrWait(String gate, String question, String approveMeans) {
    if (!plan.gates().forGate(gate).isRequired()) {
      return;
    }
    tracker.phase("gate:" + gate);
    while (gates.await(
            new OpenGate(gate, question, approveMeans, "not yet: the gate opens again", now()),
            plan.gates().forGate(gate),
            () -> false)
        == GateOutcome.REJECTED) {
      // the gate opens again
    }
  }

  /**
   * Repoints (or stops) each client group in order, one step in progress; the first failure
   * stops the step, so nothing after it is repointed. A manual client opens a gate with the
   * instructions, closed by the person who did it.
   */
  void repoint(String step, List<ClientGroup> clients, String cluster, RepointAction action) {
    tracker.step(
        step,
        () -> clients.stream().map(c -> {
          gates.throwIfAborted();
          long started = MigrationMetrics.mark();
          // An abort arriving now cannot stop this call (it may already have reached the client):
          // it completes, is recorded as a move, and the rollback undoes it.
          inFlight = c.name() + (action == RepointAction.STOP ? " (stop on " : " (to ") + cluster + ")";
          RepointResult r = repoint.repoint(new RepointRequest(migrationId(), c, cluster, action));
          moves.add(new ClientMove(c, cluster, action));
          inFlight = null;
          if (c.strategy() == RepointStrategy.MANUAL) {
            awaitManualRepoint(c, r, action);
          }
          MigrationMetrics.repointed(c, started);
          return r;
        }).toList(),
        results -> results.size() + " client group(s) " + (action == RepointAction.STOP ? "told to stop on " : "now on ") + cluster);
  }

  private void awaitManualRepoint(ClientGroup client, RepointResult where, RepointAction action) {
    String instructions = action == RepointAction.STOP
        ? "stop the " + client.role().id() + "s of " + client.name() + " on " + where.cluster()
        : "restart the " + client.role().id() + "s of " + client.name() + " with bootstrap.servers=" + where.bootstrapServers()
            + " (cluster " + where.cluster() + ")";
    while (gates.await(
            new OpenGate(GateName.MANUAL_REPOINT, instructions, "done: verify it from traffic", "not yet: the gate opens again", now()),
            GateConfig.requiredForever(),
            () -> false)
        == GateOutcome.REJECTED) {
      // not done yet
    }
    gates.throwIfAborted();
  }

  /** The groups have members on {@code cluster} (and, with requireCommits, consume there). */
  ConsumersJoinedResult verifyConsumersJoined(String step, String cluster, List<String> topics, boolean requireCommits) {
    return tracker.step(
        step,
        () -> {
          ConsumersJoinedRequest request = new ConsumersJoinedRequest(cluster, topics, plan.consumerGroups(), waitSettings(), requireCommits);
          return LongWait.run(
                  () -> Async.function(traffic::awaitConsumersJoined, request),
                  plan.waits().maxWait(),
                  gates,
                  GateName.CONSUMERS_NOT_JOINED,
                  "consumers " + (requireCommits ? "consuming" : "joined") + " on " + cluster)
              .orElse(null);
        },
        r -> r == null ? "approved without verification" : "groups " + (requireCommits ? "consume" : "have members") + " on " + cluster);
  }

  /** True once any client was repointed or is being repointed: from then on an abort must undo something. */
  boolean clientsMoved() {
    return !moves.isEmpty() || inFlight != null;
  }

  /** The client group whose repoint is running now, with where it goes; null between repoints. */
  String repointInFlight() {
    return inFlight;
  }

  /**
   * Undoes each client group's newest repoint, newest first (once per group, so a group that was
   * stopped on the source and then pointed at the target goes back once): clients pointed at the target go back to the source,
   * clients told to stop on the source are pointed at it again, and replacement consumers (which
   * did not exist before the migration) are stopped. Then verifies from traffic that
   * producers write to the source again and reports what the plan's groups left unconsumed on
   * the target. Runs after an abort, so it cannot itself be aborted.
   */
  RollbackReport rollBack(String reason, String by, List<String> topics) {
    List<String> back = new ArrayList<>();
    List<ClientMove> undo = new ArrayList<>(moves);
    java.util.Collections.reverse(undo);
    java.util.Set<String> undone = new java.util.HashSet<>();
    tracker.step("rollback-repoint", () -> {
      for (ClientMove m : undo) {
        if (!undone.add(m.client().name())) {
          continue; // its newest move is undone already (e.g. stopped on the source, then pointed at the target)
        }
        if (m.client().isReplacement()) {
          repoint.repoint(new RepointRequest(migrationId(), m.client(), m.cluster(), RepointAction.STOP));
          back.add(m.client().name() + " stopped");
        } else {
          repoint.repoint(new RepointRequest(migrationId(), m.client(), plan.source(), RepointAction.POINT));
          back.add(m.client().name());
        }
      }
      return back;
    }, b -> b.size() + " client group(s) rolled back to " + plan.source());
    // A fenced producer (told to stop) is repointed too: verify it writes to the source again.
    boolean producersMoved = undo.stream().anyMatch(m -> m.client().role() == ClientRole.PRODUCER);
    boolean producersBack = !producersMoved
        || tracker.step("rollback-verify-producers", () -> traffic.awaitProducersMoved(new ProducersMovedRequest(
                plan.target(), plan.source(), topics,
                plan.clientsWithRole(ClientRole.PRODUCER).stream().map(ClientGroup::name).toList(),
                waitSettings(), plan.waits().stallAfter().toMillis())),
            r -> r.moved() ? "producers write to " + plan.source() + " again" : "producers still write to " + plan.target())
            .moved();
    LagSnapshot left = tracker.step("stranded-on-target",
        () -> traffic.lagSnapshot(plan.target(), topics, plan.consumerGroups()),
        l -> l.totalLag() + " record(s) on " + plan.target() + " not consumed by the plan's groups");
    List<PartitionLag> stranded = left.partitions().stream().filter(p -> p.lag() > 0).toList();
    return new RollbackReport(reason, by, back, producersBack, stranded, left.totalLag());
  }

  static String names(List<ClientGroup> clients) {
    return String.join(", ", clients.stream().map(ClientGroup::name).toList());
  }

  private static String migrationId() {
    return Workflow.getInfo().getWorkflowId();
  }

  private static String describe(StrayWrite s) {
    return s.topic() + "-" + s.partition() + " (+" + s.recordsSinceSwitch() + " records, producer ids " + s.producerIds() + ")";
  }

  private static String describe(GroupVerdict v) {
    return v.group() + " " + v.status().name().toLowerCase(java.util.Locale.ROOT) + " with lag " + v.lag() + " (" + v.reason() + ")";
  }

}
