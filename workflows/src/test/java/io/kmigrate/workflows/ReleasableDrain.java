package io.kmigrate.workflows;

import io.kmigrate.workflows.contract.DrainRequest;
import io.kmigrate.workflows.contract.DrainResult;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A drain that polls like the real one (heartbeat, then one poll interval of test time) and
 * finishes only when released. Its {@code env.sleep} is what moves test time while it runs.
 */
final class ReleasableDrain implements java.util.function.Function<DrainRequest, DrainResult> {
  private final TestWorkflowEnvironment env;
  private final Duration poll;
  private final AtomicInteger polls = new AtomicInteger();
  private volatile boolean released;

  ReleasableDrain(TestWorkflowEnvironment env, Duration poll) {
    this.env = env;
    this.poll = poll;
  }

  void release() {
    released = true;
  }

  int polls() {
    return polls.get();
  }

  @Override
  public DrainResult apply(DrainRequest request) {
    while (!released) {
      RecordedHeartbeat.send(env, polls.incrementAndGet()); // throws once the workflow cancelled the wait
      env.sleep(poll);
    }
    return FakeTraffic.drained();
  }
}
