package io.kmigrate.bench.history;

import io.kmigrate.bench.BenchArgs;
import io.kmigrate.bench.Figures;
import io.kmigrate.config.GateName;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.PlanLoader;
import io.kmigrate.workflows.MigrationControl;
import io.kmigrate.workflows.MigrationReport;
import io.kmigrate.workflows.ProductionFirstMigration;
import io.kmigrate.workflows.ProductionFirstMigrationImpl;
import io.kmigrate.workflows.contract.AuditAction;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.kmigrate.workflows.gates.GateDecision;
import io.kmigrate.workflows.progress.StepRecord;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code bench history}: the history cost of a long drain. The real scheme-1 workflow
 * ({@link ProductionFirstMigrationImpl}, both cutover gates approved) waits for a drain that
 * takes {@code --wait} of workflow time, its waits polling every {@code --poll}; then a naive
 * workflow polls the same drain from workflow code at the same interval. Both run in Temporal's
 * time-skipping test server and their history events are counted.
 */
public final class HistoryBench {
  public static final Set<String> OPTIONS = Set.of("wait", "poll");
  public static final Set<String> FLAGS = Set.of("smoke");
  /** The target: a whole migration in at most this many events, on one run (no continue-as-new). */
  static final int TARGET_EVENTS = 100;
  private static final long INITIAL_LAG = 1_000_000;
  private static final String PRODUCER = "orders-api";
  private static final String CONSUMER = "billing-service";

  private HistoryBench() {}

  /** @return 0 when both workflows completed and the drain lasted the whole wait */
  public static int run(BenchArgs args) {
    Duration wait = args.duration("wait", args.flag("smoke") ? Duration.ofMinutes(10) : Duration.ofHours(72));
    Duration poll = args.duration("poll", Duration.ofSeconds(10));
    String waitText = args.text("wait", args.flag("smoke") ? "10m" : "72h");
    System.out.printf("history: a drain of %s of workflow time, polled every %s%n", waitText, Figures.duration(poll));

    Run kmigrate = runKmigrate(wait, poll);
    System.out.printf("  kmigrate: ProductionFirstMigration %s, drain-source took %s of workflow time, %d polls (heartbeats, not events),"
            + " %d history events, %d continue-as-new, %.1f s real%n",
        kmigrate.status, Figures.duration(kmigrate.drainTook), kmigrate.polls, kmigrate.events, kmigrate.continuedAsNew, kmigrate.realSeconds);
    System.out.printf("    by type: %s%n", kmigrate.byType);
    Run naive = runNaive(wait, poll);
    System.out.printf("  naive:    drain loop in workflow code %s, %d polls (activity + timer each), %d history events, %.1f s real%n",
        naive.status, naive.polls, naive.events, naive.realSeconds);
    System.out.printf("  (Temporal's default history limits: a warning at 10,240 events, the run terminated at 51,200)%n");

    boolean met = kmigrate.events <= TARGET_EVENTS && kmigrate.continuedAsNew == 0;
    System.out.printf("  target: <= %d events without continue-as-new: %s%n", TARGET_EVENTS, met ? "met" : "MISSED");
    System.out.printf("history wait=%s events=%d naive_events=%d ratio=%.1f%n",
        waitText, kmigrate.events, naive.events, (double) naive.events / kmigrate.events);
    boolean drainedWholeWait = kmigrate.drainTook.compareTo(wait) >= 0;
    if (!drainedWholeWait) {
      System.out.println("history: the drain ended before the wait: the simulation is wrong");
    }
    return kmigrate.status.equals("COMPLETED") && naive.status.equals("COMPLETED") && drainedWholeWait ? 0 : 1;
  }

  private record Run(String status, Duration drainTook, long polls, int events, int continuedAsNew, double realSeconds, String byType) {
    Run(String status, Duration drainTook, long polls, History history, double realSeconds) {
      this(status, drainTook, polls, history.getEventsCount(), HistoryBench.continuedAsNew(history), realSeconds, HistoryBench.byType(history));
    }
  }

  /** Event counts by type, most frequent first: what a change in the total consists of. */
  private static String byType(History history) {
    Map<String, Long> counts = history.getEventsList().stream().collect(Collectors.groupingBy(
        e -> e.getEventType().name().replace("EVENT_TYPE_", "").toLowerCase(Locale.ROOT), Collectors.counting()));
    return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }

  private static TestWorkflowEnvironment environment() {
    return TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(true).build());
  }

  /**
   * Heartbeats are throttled in real time (up to 30 s by default) while test time jumps by
   * polls: send each at once, as a worker does when polls are seconds of real time apart.
   */
  private static Worker worker(TestWorkflowEnvironment env) {
    return env.newWorker(
        MigrationControl.TASK_QUEUE, WorkerOptions.newBuilder().setMaxHeartbeatThrottleInterval(Duration.ofMillis(1)).build());
  }

  private static Run runKmigrate(Duration wait, Duration poll) {
    long started = System.nanoTime();
    try (TestWorkflowEnvironment env = environment()) {
      SlowDrain drain = new SlowDrain(env, INITIAL_LAG, wait);
      SimulatedTraffic traffic = new SimulatedTraffic(env, drain);
      Worker worker = worker(env);
      worker.registerWorkflowImplementationTypes(ProductionFirstMigrationImpl.class);
      worker.registerActivitiesImplementations(new SimulatedClusters(), traffic);
      env.start();
      MigrationPlan plan = PlanLoader.parse(plan(wait, poll));
      WorkflowClient client = env.getWorkflowClient();
      ProductionFirstMigration workflow = client.newWorkflowStub(
          ProductionFirstMigration.class,
          WorkflowOptions.newBuilder().setWorkflowId(plan.name()).setTaskQueue(MigrationControl.TASK_QUEUE).build());
      WorkflowClient.start(workflow::run, plan);
      WorkflowStub stub = WorkflowStub.fromTyped(workflow);
      approve(workflow, GateName.PRODUCER_CUTOVER);
      MigrationReport report = stub.getResult(MigrationReport.class);
      StepRecord step = report.steps().stream().filter(s -> s.name().equals("drain-source")).findFirst().orElseThrow();
      Duration took = Duration.between(Instant.parse(step.startedAt()), Instant.parse(step.endedAt()));
      History history = client.fetchHistory(plan.name()).getHistory();
      return new Run(report.status().name(), took, traffic.polls(), history, seconds(started));
    }
  }

  private static Run runNaive(Duration wait, Duration poll) {
    long started = System.nanoTime();
    try (TestWorkflowEnvironment env = environment()) {
      SlowDrain drain = new SlowDrain(env, INITIAL_LAG, wait);
      Worker worker = worker(env);
      worker.registerWorkflowImplementationTypes(NaiveDrainImpl.class);
      worker.registerActivitiesImplementations(new SimulatedTraffic(env, drain));
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      NaiveDrain workflow = client.newWorkflowStub(
          NaiveDrain.class, WorkflowOptions.newBuilder().setWorkflowId("naive-drain").setTaskQueue(MigrationControl.TASK_QUEUE).build());
      long polls = workflow.drain("source", List.of(SlowDrain.TOPIC), List.of(SlowDrain.GROUP), poll.toMillis());
      History history = client.fetchHistory("naive-drain").getHistory();
      return new Run("COMPLETED", drain.elapsed(), polls, history, seconds(started));
    }
  }

  /** Waits in real time (test time stands still meanwhile) for the gate to open, then approves it by update. */
  private static void approve(ProductionFirstMigration workflow, String gate) {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      var open = workflow.progress().openGate();
      if (open != null && open.name().equals(gate)) {
        DecisionRecord decision = WorkflowStub.fromTyped(workflow).update(MigrationControl.APPROVE, DecisionRecord.class, new GateDecision(gate, "bench", "auto"));
        if (decision.action() != AuditAction.APPROVED) {
          throw new IllegalStateException("approving " + gate + " answered " + decision);
        }
        return;
      }
      Figures.sleep(10);
    }
    throw new IllegalStateException("gate " + gate + " did not open within a minute; progress: " + workflow.progress());
  }

  private static int continuedAsNew(History history) {
    return (int) history.getEventsList().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW)
        .count();
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  /**
   * Scheme 1, maxWait beyond the drain (no drain-timeout gate opens). producer-cutover is
   * required and approved by update; consumer-cutover is not required: the test server skips
   * time only while a client blocks on the result, and a gate waits without a timer, so time
   * would jump to the run's timeout before anyone could answer it. Its approval would add the
   * same events as producer-cutover's (an accepted and a completed update, an audit activity).
   */
  private static String plan(Duration wait, Duration poll) {
    return """
        name: history-bench
        scheme: production-first
        source: source
        target: target
        topics: [%s]
        consumerGroups: [%s]
        clients:
          - {name: %s, role: producer, strategy: routing}
          - {name: %s, role: consumer, strategy: routing, consumerGroup: %s}
        gates:
          producer-cutover: {required: true}
          consumer-cutover: {required: false}
        waits:
          pollInterval: %dms
          stableFor: 30s
          maxWait: %dms
          stallAfter: 2m
        """.formatted(SlowDrain.TOPIC, SlowDrain.GROUP, PRODUCER, CONSUMER, SlowDrain.GROUP,
            poll.toMillis(), wait.plus(Duration.ofDays(1)).toMillis());
  }
}
