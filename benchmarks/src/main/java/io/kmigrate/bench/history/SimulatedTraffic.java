package io.kmigrate.bench.history;

import io.kmigrate.workflows.contract.ConsumersJoinedRequest;
import io.kmigrate.workflows.contract.ConsumersJoinedResult;
import io.kmigrate.workflows.contract.ConsumersMovedRequest;
import io.kmigrate.workflows.contract.ConsumersMovedResult;
import io.kmigrate.workflows.contract.DrainRequest;
import io.kmigrate.workflows.contract.DrainResult;
import io.kmigrate.workflows.contract.GroupMembership;
import io.kmigrate.workflows.contract.GroupStatus;
import io.kmigrate.workflows.contract.GroupVerdict;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.ProducersMovedRequest;
import io.kmigrate.workflows.contract.ProducersMovedResult;
import io.kmigrate.workflows.contract.TrafficActivities;
import io.kmigrate.workflows.contract.WaitSettings;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * kmigrate's long waits against a {@link SlowDrain} instead of Kafka, shaped as the real ones
 * ({@code TrafficActivitiesImpl} over {@code WaitLoop}): poll every {@code pollInterval},
 * heartbeat each poll, return once the condition held for {@code stableFor}. Only the clock
 * differs: each poll sleeps in the test environment's time so 72 hours pass in seconds.
 */
final class SimulatedTraffic implements TrafficActivities {
  private final TestWorkflowEnvironment env;
  private final SlowDrain drain;
  private final AtomicLong polls = new AtomicLong();

  SimulatedTraffic(TestWorkflowEnvironment env, SlowDrain drain) {
    this.env = env;
    this.drain = drain;
  }

  long polls() {
    return polls.get();
  }

  @Override
  public DrainResult awaitDrained(DrainRequest request) {
    drain.begin();
    pollUntilHeld(request.waits(), () -> drain.snapshot().totalLag() == 0);
    LagSnapshot last = drain.snapshot();
    return new DrainResult(true, List.of(new GroupVerdict(SlowDrain.GROUP, GroupStatus.CAUGHT_UP, 0, "lag 0")), last);
  }

  @Override
  public ProducersMovedResult awaitProducersMoved(ProducersMovedRequest request) {
    pollUntilHeld(request.waits(), () -> true);
    return new ProducersMovedResult(true, true, 1, request.clients(), List.of());
  }

  @Override
  public ConsumersMovedResult awaitConsumersMoved(ConsumersMovedRequest request) {
    pollUntilHeld(request.waits(), () -> true);
    List<GroupMembership> target = List.of(new GroupMembership(SlowDrain.GROUP, "Stable", 1));
    return new ConsumersMovedResult(true, List.of(new GroupMembership(SlowDrain.GROUP, "Empty", 0)), target, drain.snapshot());
  }

  @Override
  public ConsumersJoinedResult awaitConsumersJoined(ConsumersJoinedRequest request) {
    pollUntilHeld(request.waits(), () -> true);
    return new ConsumersJoinedResult(List.of(new GroupMembership(SlowDrain.GROUP, "Stable", 1)), drain.snapshot());
  }

  @Override
  public LagSnapshot lagSnapshot(String cluster, List<String> topics, List<String> groups) {
    polls.incrementAndGet();
    drain.begin();
    return drain.snapshot();
  }

  /** Polls, heartbeats, sleeps a poll interval of workflow time; returns once {@code condition} held for stableFor. */
  private void pollUntilHeld(WaitSettings waits, BooleanSupplier condition) {
    Duration poll = Duration.ofMillis(waits.pollIntervalMs());
    long heldSince = -1;
    while (true) {
      polls.incrementAndGet();
      long now = env.currentTimeMillis();
      boolean holds = condition.getAsBoolean();
      heldSince = holds ? (heldSince < 0 ? now : heldSince) : -1;
      heartbeatRecorded(drain.snapshot());
      if (holds && now - heldSince >= waits.stableForMs()) {
        return;
      }
      env.sleep(poll);
    }
  }

  /**
   * Heartbeats and waits until the server recorded it: the SDK sends heartbeats in real time
   * while test time jumps by polls, so an unrecorded one would time the activity out.
   */
  private void heartbeatRecorded(Object details) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    ActivityInfo info = context.getInfo();
    long before = env.currentTimeMillis();
    context.heartbeat(details);
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      var pending = env.getWorkflowServiceStubs().blockingStub()
          .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
              .setNamespace(env.getNamespace())
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(info.getWorkflowId()).setRunId(info.getRunId()))
              .build())
          .getPendingActivitiesList().stream()
          .filter(a -> a.getActivityId().equals(info.getActivityId()))
          .findFirst();
      if (pending.isEmpty() || pending.get().getLastHeartbeatTime().getSeconds() * 1000 >= before - 999) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new IllegalStateException("heartbeat not recorded within 5 s");
  }
}
