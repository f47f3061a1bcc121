package io.kmigrate.activities;

import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.repoint.WebhookCall;
import io.kmigrate.activities.repoint.WebhookNotifier;
import io.kmigrate.activities.store.ClientRoute;
import io.kmigrate.activities.store.RouteStore;
import io.kmigrate.workflows.contract.RepointAction;
import io.kmigrate.workflows.contract.RepointActivities;
import io.kmigrate.workflows.contract.RepointRequest;
import io.kmigrate.workflows.contract.RepointResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import java.util.Locale;

/**
 * Repoints by the plan's strategy, all behind one contract: {@code routing} flips the client's
 * row in the store (empty bootstrap servers tell a client to stop), {@code webhook} POSTs to the
 * user's deploy system, {@code manual} only resolves where the client must go (the workflow asks a
 * person to do it). Whatever the strategy, the workflow then verifies the switch from traffic.
 */
public class RepointActivitiesImpl implements RepointActivities {
  private final Clusters clusters;
  private final RouteStore routes;
  private final WebhookNotifier webhooks;

  public RepointActivitiesImpl(Clusters clusters, RouteStore routes, WebhookNotifier webhooks) {
    this.clusters = clusters;
    this.routes = routes;
    this.webhooks = webhooks;
  }

  @Override
  public RepointResult repoint(RepointRequest request) {
    boolean stop = request.action() == RepointAction.STOP;
    String servers = stop ? RouteStore.STOPPED : clusters.config(request.cluster()).bootstrapServers();
    String client = request.client().name();
    return switch (request.client().strategy()) {
      case ROUTING -> {
        long before = routes.find(client).map(ClientRoute::version).orElse(0L);
        ClientRoute route = routes.point(client, request.cluster(), servers);
        yield new RepointResult(route.client(), route.cluster(), route.bootstrapServers(), route.version(), route.version() != before);
      }
      case WEBHOOK -> {
        webhooks.send(request.client().webhook().url(), new WebhookCall(
            request.migrationId(), client, request.client().role().id(), request.action().name().toLowerCase(Locale.ROOT),
            request.cluster(), servers, idempotencyKey()));
        yield new RepointResult(client, request.cluster(), servers, 0, true);
      }
      case MANUAL -> new RepointResult(client, request.cluster(), servers, 0, false);
    };
  }

  /** The same on every retry of one step: the workflow run and the activity's id within it. */
  private static String idempotencyKey() {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    return info.getWorkflowId() + "/" + info.getRunId() + "/" + info.getActivityId();
  }
}
