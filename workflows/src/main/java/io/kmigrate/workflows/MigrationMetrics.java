package io.kmigrate.workflows;

import io.kmigrate.config.ClientGroup;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;

/**
 * kmigrate's metrics measured by workflow code, in workflow time. {@link Workflow#getMetricsScope()}
 * reports nothing while a worker replays history, so each wait is recorded once, by the worker
 * that saw it end, however often the workflow is replayed (a restart, a cache eviction).
 */
public final class MigrationMetrics {
  /** Timer: from a gate's opening to its closing decision, tagged with the gate and the decision. */
  public static final String GATE_WAIT = "kmigrate_gate_wait";
  /** Timer: one client group's repoint, from the call to its confirmation (a person's, for manual). */
  public static final String REPOINT_DURATION = "kmigrate_repoint_duration";

  private MigrationMetrics() {}

  /** A mark to measure from: workflow time, the same on every replay. */
  public static long mark() {
    return Workflow.currentTimeMillis();
  }

  public static void gateClosed(String gate, String decision, long openedAt) {
    Workflow.getMetricsScope()
        .tagged(Map.of("gate", gate, "decision", decision))
        .timer(GATE_WAIT)
        .record(since(openedAt));
  }

  public static void repointed(ClientGroup client, long startedAt) {
    Workflow.getMetricsScope()
        .tagged(Map.of("strategy", client.strategy().id(), "kind", client.role().id() + "s"))
        .timer(REPOINT_DURATION)
        .record(since(startedAt));
  }

  private static com.uber.m3.util.Duration since(long mark) {
    return com.uber.m3.util.Duration.ofMillis(Math.max(0, Workflow.currentTimeMillis() - mark));
  }
}
