package io.kmigrate.activities.lag;

import io.kmigrate.workflows.contract.LagSnapshot;
import io.temporal.activity.Activity;
import java.util.Map;

/**
 * Reports each group's lag, summed over the plan's partitions, as gauge {@value #CONSUMER_LAG}
 * through the running activity's metrics scope (the worker's, tagged with the activity).
 */
public final class LagMetrics {
  public static final String CONSUMER_LAG = "kmigrate_consumer_lag";

  private LagMetrics() {}

  /** Called on the activity's thread with every snapshot a wait reads on {@code cluster}. */
  public static void report(String cluster, LagSnapshot snapshot) {
    var scope = Activity.getExecutionContext().getMetricsScope();
    snapshot.groups().forEach(g ->
        scope.tagged(Map.of("group", g.group(), "cluster", cluster)).gauge(CONSUMER_LAG).update(g.lag()));
  }
}
