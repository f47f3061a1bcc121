package io.kmigrate.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.config.MigrationPlan;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.kmigrate.workflows.gates.GateDecision;
import io.kmigrate.workflows.gates.OpenGate;
import io.kmigrate.workflows.progress.Progress;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * One time-skipping test environment running every scheme's workflow (the plan's scheme picks
 * it) against the fake activities, plus the client-side moves a person makes (query, approve, reject, abort).
 *
 * <p>Time skipping: the test server jumps to the next timer only while nothing holds it; the
 * environment holds it except while a client waits for the result ({@link #result()},
 * {@link #resultInBackground()}) or in {@link TestWorkflowEnvironment#sleep}, and a running
 * activity holds it until it ends, unless it calls {@code env.sleep} itself.
 */
final class MigrationHarness implements AutoCloseable {
  private static final Duration WAIT_FOR_STATE = Duration.ofSeconds(15);

  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final CallLog calls = new CallLog();
  final FakePreflight preflight = new FakePreflight(calls);
  final FakeTarget target = new FakeTarget(calls);
  final FakeRepoint repoint = new FakeRepoint(calls);
  final FakeTraffic traffic = new FakeTraffic(calls);
  final FakeStore store = new FakeStore();
  final FakeMirror mirror = new FakeMirror(calls);
  final FakeNotifications notifications = new FakeNotifications();
  private final ExecutorService background = Executors.newSingleThreadExecutor();

  MigrationControl workflow;
  WorkflowStub stub;
  String workflowId;

  MigrationHarness() {
    this(TestEnvironmentOptions.newBuilder());
  }

  /** @param options e.g. a metrics scope; time skipping is switched on here */
  MigrationHarness(TestEnvironmentOptions.Builder options) {
    env = TestWorkflowEnvironment.newInstance(options.setUseTimeskipping(true).build());
    // Heartbeats are throttled in real time (up to 60s by default) while test time jumps by
    // hours: send every heartbeat at once so a heartbeat timeout means a missed heartbeat.
    Worker worker =
        env.newWorker(
            MigrationControl.TASK_QUEUE,
            WorkerOptions.newBuilder().setMaxHeartbeatThrottleInterval(Duration.ofMillis(1)).build());
    worker.registerWorkflowImplementationTypes(
        ProductionFirstMigrationImpl.class, ProductionLaterMigrationImpl.class, MirrorThenSwitchImpl.class, CampaignImpl.class);
    worker.registerActivitiesImplementations(preflight, target, repoint, traffic, store, mirror, notifications);
    env.start();
    client = env.getWorkflowClient();
  }

  MigrationControl start(MigrationPlan plan) {
    workflowId = plan.name();
    WorkflowOptions options = WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(MigrationControl.TASK_QUEUE).build();
    if (plan.scheme() == io.kmigrate.config.Scheme.PRODUCTION_LATER) {
      ProductionLaterMigration later = client.newWorkflowStub(ProductionLaterMigration.class, options);
      WorkflowClient.start(later::run, plan);
      workflow = later;
    } else if (plan.scheme() == io.kmigrate.config.Scheme.MIRROR_THEN_SWITCH) {
      MirrorThenSwitch mirrored = client.newWorkflowStub(MirrorThenSwitch.class, options);
      WorkflowClient.start(mirrored::run, plan);
      workflow = mirrored;
    } else {
      ProductionFirstMigration first = client.newWorkflowStub(ProductionFirstMigration.class, options);
      WorkflowClient.start(first::run, plan);
      workflow = first;
    }
    stub = WorkflowStub.fromTyped(workflow);
    return workflow;
  }

  /** Polls the progress query until {@code condition} holds. */
  Progress awaitProgress(String what, Predicate<Progress> condition) {
    return poll(what, () -> workflow.progress(), condition);
  }

  private static <T> T poll(String what, java.util.function.Supplier<T> read, Predicate<T> condition) {
    long deadline = System.nanoTime() + WAIT_FOR_STATE.toNanos();
    Object last = null;
    while (System.nanoTime() < deadline) {
      try {
        T value = read.get();
        last = value;
        if (value != null && condition.test(value)) {
          return value;
        }
      } catch (RuntimeException e) {
        last = e; // e.g. a query before the first workflow task ran
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("timed out waiting for " + what + "; last seen: " + last);
  }

  OpenGate awaitGate(String gate) {
    return awaitProgress(
            "gate " + gate + " to open", p -> p.openGate() != null && p.openGate().name().equals(gate))
        .openGate();
  }

  /** Waits for a gate opened after {@code notAt} (the same gate opening again). */
  OpenGate awaitGateReopened(String gate, String notAt) {
    return awaitProgress(
            "gate " + gate + " to open again",
            p -> p.openGate() != null && p.openGate().name().equals(gate) && !p.openGate().openedAt().equals(notAt))
        .openGate();
  }

  DecisionRecord approve(String gate, String by) {
    return stub.update("approve", DecisionRecord.class, new GateDecision(gate, by, "go"));
  }

  DecisionRecord reject(String gate, String by) {
    return stub.update("reject", DecisionRecord.class, new GateDecision(gate, by, "not yet"));
  }

  /** The happy path: alice approves producer cutover, bob consumer cutover; returns the result. */
  MigrationReport approveBothCutovers() {
    awaitGate(io.kmigrate.config.GateName.PRODUCER_CUTOVER);
    approve(io.kmigrate.config.GateName.PRODUCER_CUTOVER, "alice");
    awaitGate(io.kmigrate.config.GateName.CONSUMER_CUTOVER);
    approve(io.kmigrate.config.GateName.CONSUMER_CUTOVER, "bob");
    return result();
  }

  MigrationReport result() {
    try {
      return stub.getResult(60, TimeUnit.SECONDS, MigrationReport.class);
    } catch (TimeoutException e) {
      throw new AssertionError("workflow did not finish", e);
    }
  }

  /** Waits for the result on another thread, so test time runs while this thread acts. */
  CompletableFuture<MigrationReport> resultInBackground() {
    return CompletableFuture.supplyAsync(this::result, background);
  }

  /** The failure the workflow ended with, asserting that it failed. */
  ApplicationFailure failure() {
    WorkflowFailedException e = null;
    try {
      result();
    } catch (WorkflowFailedException failed) {
      e = failed;
    }
    assertThat(e).as("the workflow should fail").isNotNull();
    assertThat(e.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) e.getCause();
  }

  int historyEvents() {
    return client.fetchHistory(workflowId).getHistory().getEventsCount();
  }

  @Override
  public void close() {
    background.shutdownNow();
    env.close();
  }

  /** Every repoint as {@code <client> <action> <cluster>}, in the order made. */
  List<String> repoints() {
    return repoint.requests().stream().map(r -> r.client().name() + " " + r.action() + " " + r.cluster()).toList();
  }

  static List<io.kmigrate.workflows.progress.StepRecord> steps(List<io.kmigrate.workflows.progress.StepRecord> steps, String name) {
    return steps.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The workflow's history replays against {@code implementation} without a nondeterminism error. */
  void assertReplays(Class<?> implementation) throws Exception {
    io.temporal.testing.WorkflowReplayer.replayWorkflowExecution(client.fetchHistory(workflowId), implementation);
  }
}
