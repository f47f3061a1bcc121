package io.kmigrate.workflows;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.Optional;

/**
 * Heartbeats from a fake that moves test time itself. The SDK throttles heartbeats in real
 * time, so a heartbeat may still wait to be sent while {@code env.sleep} skips hours of test
 * time, and the server then times the activity out. Waiting until the server recorded the
 * heartbeat keeps heartbeat timeouts meaningful: they fire only if a heartbeat is missed.
 */
final class RecordedHeartbeat {
  private RecordedHeartbeat() {}

  static void send(TestWorkflowEnvironment env, Object details) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    ActivityInfo info = context.getInfo();
    long before = env.currentTimeMillis();
    context.heartbeat(details); // throws when the activity was cancelled
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      Optional<PendingActivityInfo> pending = pendingActivity(env, info);
      if (pending.isEmpty() || millis(pending.get()) >= before) {
        return;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("heartbeat " + details + " was not recorded within 5s");
  }

  private static Optional<PendingActivityInfo> pendingActivity(TestWorkflowEnvironment env, ActivityInfo info) {
    return env.getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(env.getNamespace())
                .setExecution(
                    WorkflowExecution.newBuilder().setWorkflowId(info.getWorkflowId()).setRunId(info.getRunId()))
                .build())
        .getPendingActivitiesList()
        .stream()
        .filter(a -> a.getActivityId().equals(info.getActivityId()))
        .findFirst();
  }

  private static long millis(PendingActivityInfo activity) {
    return activity.getLastHeartbeatTime().getSeconds() * 1000 + activity.getLastHeartbeatTime().getNanos() / 1_000_000;
  }
}
