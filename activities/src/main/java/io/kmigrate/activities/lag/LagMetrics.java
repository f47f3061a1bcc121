package io.kmigrate.activities.lag;

import io.kmigrate.workflows.contract.DrainEta;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.temporal.activity.Activity;
import java.util.Map;

/**
 * Reports each group's lag, summed over the plan's partitions, as gauge {@value #CONSUMER_LAG}
 * through the running activity's metrics scope (the worker's, tagged with the activity).
 */
public final class LagMetrics {
  public static final String CONSUMER_LAG = "kmigrate_consumer_lag";
  /** Seconds until a drain's group reaches lag 0 at its current rates; -1 while it is not draining. */
  public static final String DRAIN_ETA = "kmigrate_drain_eta_seconds";

  private LagMetrics() {}

  /** Called on the activity's thread with every snapshot a wait reads on {@code cluster}. */
  public static void report(String cluster, LagSnapshot snapshot) {
    var scope = Activity.getExecutionContext().getMetricsScope();
    snapshot.groups().forEach(g ->
        scope.tagged(Map.of("group", g.group(), "cluster", cluster)).gauge(CONSUMER_LAG).update(g.lag()));
  }

  /** Called on the drain's thread with every poll's ETA (null until two polls were seen). */
  public static void reportEta(String cluster, DrainEta eta) {
    if (eta == null) {
      return;
    }
    var scope = Activity.getExecutionContext().getMetricsScope();
    eta.groups().forEach(g -> scope.tagged(Map.of("group", g.group(), "cluster", cluster)).gauge(DRAIN_ETA)
        .update(g.etaSeconds() == null ? -1 : g.etaSeconds()));
  }
}
