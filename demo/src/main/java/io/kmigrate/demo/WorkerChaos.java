package io.kmigrate.demo;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code demo --chaos kill-worker}: SIGKILLs the child worker at three points of a migration and
 * starts a new one each time. Each point is recognised from the workflow's pending activities
 * (Temporal's describe, which needs no worker) and from the side effect itself, never from a
 * sleep:
 *
 * <ol>
 *   <li>{@code prepare-target}: the topic-creating activity is running and the plan's topics
 *       appeared on the target (or the activity ended first): the side effect is done, its
 *       completion not yet reported;
 *   <li>{@code drain-wait}: the drain wait is running and has heartbeated at least once;
 *   <li>{@code after-repoint}: the consumers' repoint was applied (the deploy system applied the
 *       webhook, or the route's version changed), before the activity could report it.
 * </ol>
 *
 * The retried activities must then find the work done and not do it again; the demo's side-effect
 * counts prove it.
 */
public final class WorkerChaos implements Runnable {
  public static final String PREPARE_TARGET = "prepare-target";
  public static final String DRAIN_WAIT = "drain-wait";
  public static final String AFTER_REPOINT = "after-repoint";
  private static final long POLL_MS = 20;

  /** One kill: where, when, which worker died, which replaced it and how long none polled. */
  public record Kill(String point, String at, long killedPid, long restartedPid, long downMs, String observed) {}

  private final ChildWorker worker;
  private final WorkflowServiceStubs service;
  private final String namespace;
  private final String workflowId;
  private final Supplier<Boolean> topicsOnTarget;
  private final Supplier<Boolean> consumersRepointed;
  private final List<Kill> kills = new ArrayList<>();
  private volatile boolean stopped;
  private volatile boolean armedForRepoint;
  private volatile Killed killedInHook;
  private volatile Throwable failure;

  /**
   * @param topicsOnTarget whether every plan topic exists on the target
   * @param consumersRepointed whether the consumers' repoint was applied, seen from outside
   */
  public WorkerChaos(ChildWorker worker, WorkflowServiceStubs service, String namespace, String workflowId,
      Supplier<Boolean> topicsOnTarget, Supplier<Boolean> consumersRepointed) {
    this.worker = worker;
    this.service = service;
    this.namespace = namespace;
    this.workflowId = workflowId;
    this.topicsOnTarget = topicsOnTarget;
    this.consumersRepointed = consumersRepointed;
  }

  @Override
  public void run() {
    try {
      awaitActivity("PrepareTarget", false);
      boolean done = awaitOrActivityGone("PrepareTarget", topicsOnTarget);
      kill(PREPARE_TARGET, done ? "target topics created, the activity not yet completed" : "activity ended before the topics were seen");

      awaitActivity("AwaitDrained", true);
      kill(DRAIN_WAIT, "drain wait running, heartbeated (attempt " + pending("AwaitDrained").map(PendingActivityInfo::getAttempt).orElse(0) + ")");

      armedForRepoint = true;
      while (killedInHook == null && !consumersRepointed.get()) {
        pause();
      }
      if (killedInHook != null) {
        restart(AFTER_REPOINT, killedInHook, "deploy system applied the consumer's webhook; worker killed before it was answered");
      } else {
        kill(AFTER_REPOINT, "consumer route flipped; activity " + (pending("Repoint").isPresent() ? "still pending" : "already completed"));
      }
    } catch (InterruptedException | StopRequested e) {
      // the demo is over
    } catch (RuntimeException | IOException e) {
      failure = e;
    }
  }

  /**
   * Called by the demo's deploy system the moment it applied a consumer's change, before it
   * answers: once the chaos waits for the repoint, the worker dies with its call unanswered.
   */
  public void consumerRepointApplied() {
    if (!armedForRepoint || killedInHook != null) {
      return;
    }
    try {
      Instant at = Instant.now();
      killedInHook = new Killed(at, worker.kill());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public void stop() {
    stopped = true;
  }

  public synchronized List<Kill> kills() {
    return List.copyOf(kills);
  }

  /** Why the chaos stopped early, if it did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  private void kill(String point, String observed) throws InterruptedException, IOException {
    Instant at = Instant.now();
    restart(point, new Killed(at, worker.kill()), observed);
  }

  private void restart(String point, Killed killed, String observed) throws InterruptedException, IOException {
    long restarted = worker.start();
    synchronized (this) {
      kills.add(new Kill(point, killed.at().toString(), killed.pid(), restarted,
          Instant.now().toEpochMilli() - killed.at().toEpochMilli(), observed));
    }
  }

  private record Killed(Instant at, long pid) {}

  private void awaitActivity(String type, boolean heartbeated) throws InterruptedException {
    while (pending(type).filter(a -> a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)
        .filter(a -> !heartbeated || a.hasLastHeartbeatTime()).isEmpty()) {
      pause();
    }
  }

  /** @return true when the condition held while the activity was still pending */
  private boolean awaitOrActivityGone(String type, Supplier<Boolean> condition) throws InterruptedException {
    while (pending(type).isPresent()) {
      if (condition.get()) {
        return true;
      }
      pause();
    }
    return false;
  }

  private Optional<PendingActivityInfo> pending(String type) {
    return service.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(namespace).setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build())
        .getPendingActivitiesList().stream()
        .filter(a -> a.getActivityType().getName().equals(type))
        .findFirst();
  }

  private void pause() throws InterruptedException {
    if (stopped) {
      throw new StopRequested();
    }
    Thread.sleep(POLL_MS);
  }

  private static final class StopRequested extends RuntimeException {
    StopRequested() {
      super(null, null, false, false);
    }
  }
}
