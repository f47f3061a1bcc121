package io.kmigrate.workflows;

import static io.kmigrate.workflows.WorkflowTime.now;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.ClientRole;
import io.kmigrate.config.GateName;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.contract.ConsumersJoinedRequest;
import io.kmigrate.workflows.contract.ConsumersJoinedResult;
import io.kmigrate.workflows.contract.ConsumersMovedRequest;
import io.kmigrate.workflows.contract.ConsumersMovedResult;
import io.kmigrate.workflows.contract.DrainRequest;
import io.kmigrate.workflows.contract.DrainResult;
import io.kmigrate.workflows.contract.GroupStatus;
import io.kmigrate.workflows.contract.GroupVerdict;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.ProducersMovedRequest;
import io.kmigrate.workflows.contract.ProducersMovedResult;
import io.kmigrate.workflows.contract.StrayWrite;
import io.kmigrate.workflows.contract.TrafficActivities;
import io.kmigrate.workflows.contract.WaitSettings;
import io.kmigrate.workflows.gates.OpenGate;
import io.kmigrate.workflows.progress.ProgressTracker;
import io.temporal.workflow.Async;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The waits that verify each switch from the traffic itself: producers left the source, the source
 * drained, consumers joined or consume on a cluster, consumers work on the target. Each is a long
 * wait raced against {@code maxWait} ({@link LongWait}); what it finds wrong opens a gate.
 */
final class TrafficWaits {
  private final MigrationPlan plan;
  private final ProgressTracker tracker;
  private final Approvals approvals;
  private final TrafficActivities traffic;
  private final Consumer<LagSnapshot> onSnapshot;

  /** @param onSnapshot told each lag snapshot a wait ends with (the progress query shows the last) */
  TrafficWaits(MigrationPlan plan, ProgressTracker tracker, Approvals approvals, Consumer<LagSnapshot> onSnapshot) {
    this.plan = plan;
    this.tracker = tracker;
    this.approvals = approvals;
    this.onSnapshot = onSnapshot;
    this.traffic = ActivityStubs.waiting(TrafficActivities.class, plan.waits());
  }

  WaitSettings waitSettings() {
    return new WaitSettings(
        plan.waits().pollInterval().toMillis(), plan.waits().stableFor().toMillis(), plan.waits().stallAfter().toMillis());
  }

  /**
   * Verifies from traffic that producers left {@code from} for {@code to}. A producer still
   * writing there opens a gate naming its partitions: approve = go on anyway, reject = check again.
   */
  ProducersMovedResult verifyProducersMoved(String step, String from, String to, List<String> topics) {
    return tracker.step(
        step,
        () -> {
          List<String> clients = producerNames();
          ProducersMovedRequest request =
              new ProducersMovedRequest(from, to, topics, clients, waitSettings(), plan.waits().stallAfter().toMillis());
          while (true) {
            Optional<ProducersMovedResult> r =
                LongWait.run(
                    () -> Async.function(traffic(step + ": " + clients.size() + " producer(s) from " + from + " to " + to)::awaitProducersMoved, request),
                    plan.waits().maxWait(),
                    approvals,
                    GateName.PRODUCERS_NOT_MOVED,
                    "producers leaving " + from);
            if (r.isEmpty() || r.get().moved()) {
              return r.orElse(null);
            }
            String strays = r.get().strays().stream().map(TrafficWaits::describe).collect(Collectors.joining(", "));
            OpenGate gate =
                new OpenGate(
                    GateName.PRODUCERS_NOT_MOVED,
                    "producer(s) " + String.join(", ", clients) + " still write to " + from + ": " + strays,
                    "go on anyway: those writes stay on the source",
                    "check again (after fixing the client)",
                    now());
            if (approvals.acceptOrCheckAgain(gate)) {
              return r.get();
            }
          }
        },
        r -> r == null ? "approved without verification" : (r.moved() ? "moved" : "not moved, approved") + (r.trafficSeen() ? "" : " (no traffic seen)"));
  }

  /**
   * Waits until every group consumed everything on the source. A stalled or stopped group ends
   * the wait early with a gate: approve = go on with lag left behind, reject = keep waiting.
   */
  DrainResult drainSource(List<String> topics) {
    return tracker.step(
        "drain-source",
        () -> {
          List<String> acknowledged = new ArrayList<>();
          while (true) {
            DrainRequest request = new DrainRequest(plan.source(), topics, plan.consumerGroups(), waitSettings(), acknowledged);
            Optional<DrainResult> r =
                LongWait.run(
                    () -> Async.function(traffic("drain-source: " + plan.consumerGroups().size() + " group(s) on " + topics.size() + " topic(s)")
                        ::awaitDrained, request),
                    plan.waits().maxWait(),
                    approvals,
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
            String blocked = drain.blocked().stream().map(TrafficWaits::describe).collect(Collectors.joining(", "));
            boolean transactions = drain.blocked().stream().allMatch(v -> v.status() == GroupStatus.TRANSACTION_OPEN);
            OpenGate gate = transactions
                ? new OpenGate(
                    GateName.OPEN_TRANSACTION,
                    "consumer group(s) read all they can; an open transaction holds the rest: " + blocked,
                    "repoint consumers anyway: what the transaction commits later stays on the source, not consumed",
                    "keep waiting for the transaction to end (or abort it with kafka-transactions.sh)",
                    now())
                : new OpenGate(
                    GateName.DRAIN_STALLED,
                    "consumer group(s) not draining: " + blocked,
                    "repoint consumers anyway: the lag left on the source is not consumed",
                    "keep waiting for the group(s)",
                    now());
            if (approvals.acceptOrCheckAgain(gate)) {
              return drain;
            }
            drain.blocked().forEach(v -> acknowledged.add(v.group()));
          }
        },
        r -> r == null ? "approved without drain" : (r.drained() ? "drained" : "approved with lag " + r.last().totalLag()));
  }

  /** Verifies each group left the source and works on the target; maxWait opens a gate. */
  ConsumersMovedResult verifyConsumersMoved(List<String> topics) {
    return tracker.step(
        "verify-consumers",
        () -> {
          ConsumersMovedRequest request =
              new ConsumersMovedRequest(plan.source(), plan.target(), topics, plan.consumerGroups(), waitSettings());
          Optional<ConsumersMovedResult> r =
              LongWait.run(
                  () -> Async.function(traffic("verify-consumers: " + plan.consumerGroups().size() + " group(s) to " + plan.target())
                      ::awaitConsumersMoved, request),
                  plan.waits().maxWait(),
                  approvals,
                  GateName.CONSUMERS_NOT_MOVED,
                  "consumers working on " + plan.target());
          r.ifPresent(c -> onSnapshot.accept(c.targetLag()));
          return r.orElse(null);
        },
        r -> r == null ? "approved without verification" : "consumers work on " + plan.target());
  }

  /** How far consumers must have come on a cluster for a wait to end. */
  enum Joined {
    /** The groups have members there. */
    MEMBERS,
    /** The groups have members there that commit. */
    COMMITTING
  }

  /** Waits until the groups have members on {@code cluster} (that commit, for {@link Joined#COMMITTING}). */
  ConsumersJoinedResult verifyConsumersJoined(String step, String cluster, List<String> topics, Joined joined) {
    boolean requireCommits = joined == Joined.COMMITTING;
    return tracker.step(
        step,
        () -> {
          ConsumersJoinedRequest request = new ConsumersJoinedRequest(cluster, topics, plan.consumerGroups(), waitSettings(), requireCommits);
          return LongWait.run(
                  () -> Async.function(traffic(step + ": " + plan.consumerGroups().size() + " group(s) on " + cluster)::awaitConsumersJoined, request),
                  plan.waits().maxWait(),
                  approvals,
                  GateName.CONSUMERS_NOT_JOINED,
                  "consumers " + (requireCommits ? "consuming" : "joined") + " on " + cluster)
              .orElse(null);
        },
        r -> r == null ? "approved without verification" : "groups " + (requireCommits ? "consume" : "have members") + " on " + cluster);
  }

  /** The traffic activities, each call shown in the history with {@code summary}. */
  private TrafficActivities traffic(String summary) {
    return ActivityStubs.waiting(TrafficActivities.class, plan.waits(), summary);
  }

  /** The producers wrote to {@code cluster} again: what a rollback verifies, without a gate (it cannot be aborted). */
  ProducersMovedResult producersBackOn(String cluster, String from, List<String> topics) {
    return traffic.awaitProducersMoved(new ProducersMovedRequest(
        from, cluster, topics, producerNames(), waitSettings(), plan.waits().stallAfter().toMillis()));
  }

  /** What the plan's groups have not consumed of the topics on {@code cluster}, now. */
  LagSnapshot lagSnapshot(String cluster, List<String> topics) {
    return traffic.lagSnapshot(cluster, topics, plan.consumerGroups());
  }

  private List<String> producerNames() {
    return plan.clientsWithRole(ClientRole.PRODUCER).stream().map(ClientGroup::name).toList();
  }

  private static String describe(StrayWrite s) {
    return s.topic() + "-" + s.partition() + " (+" + s.recordsSinceSwitch() + " records, producer ids " + s.producerIds() + ")";
  }

  private static String describe(GroupVerdict v) {
    return v.group() + " " + v.status().name().toLowerCase(Locale.ROOT) + " with lag " + v.lag() + " (" + v.reason() + ")";
  }
}
