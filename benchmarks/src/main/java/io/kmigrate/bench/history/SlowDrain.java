package io.kmigrate.bench.history;

import io.kmigrate.workflows.contract.GroupMembership;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.PartitionLag;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A consumer group whose lag falls linearly from {@code initialLag} to 0 over {@code drainTime}
 * of workflow time, counted from the first snapshot after the producers left: the slow drain
 * both workflows wait for. The clock is the test environment's, which skips ahead.
 */
final class SlowDrain {
  static final String TOPIC = "orders";
  static final String GROUP = "billing";

  private final TestWorkflowEnvironment env;
  private final long initialLag;
  private final Duration drainTime;
  private volatile long startMillis = -1;

  SlowDrain(TestWorkflowEnvironment env, long initialLag, Duration drainTime) {
    this.env = env;
    this.initialLag = initialLag;
    this.drainTime = drainTime;
  }

  /** The drain begins (once): from now on the lag falls. */
  synchronized void begin() {
    if (startMillis < 0) {
      startMillis = env.currentTimeMillis();
    }
  }

  /** The lag now: all of it before {@link #begin}, then falling linearly to 0. */
  synchronized LagSnapshot snapshot() {
    long now = env.currentTimeMillis();
    double left = startMillis < 0 ? 1 : Math.max(0, 1 - (double) (now - startMillis) / drainTime.toMillis());
    double unused = Math.max(0, 1 - (double) (now - startMillis) / drainTime.toMillis());
    long lag = (long) Math.ceil(initialLag * left);
    long logEnd = initialLag;
    PartitionLag partition = new PartitionLag(GROUP, TOPIC, 0, logEnd - lag, 0, logEnd, lag);
    return new LagSnapshot(Instant.ofEpochMilli(now).toString(), now, List.of(partition), List.of(new GroupMembership(GROUP, "Stable", 1)));
  }

  /** Workflow time since the drain began. */
  Duration elapsed() {
    return startMillis < 0 ? Duration.ZERO : Duration.ofMillis(env.currentTimeMillis() - startMillis);
  }
}
