package io.kmigrate.activities;

import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.store.ClientRoute;
import io.kmigrate.activities.store.RouteStore;
import io.kmigrate.workflows.contract.RepointAction;
import io.kmigrate.workflows.contract.RepointActivities;
import io.kmigrate.workflows.contract.RepointRequest;
import io.kmigrate.workflows.contract.RepointResult;

/**
 * Repoints by the plan's strategy; {@code routing} flips the client's row in the store (empty
 * bootstrap servers tell a client to stop).
 */
public class RepointActivitiesImpl implements RepointActivities {
  private final Clusters clusters;
  private final RouteStore routes;

  public RepointActivitiesImpl(Clusters clusters, RouteStore routes) {
    this.clusters = clusters;
    this.routes = routes;
  }

  @Override
  public RepointResult repoint(RepointRequest request) {
    String servers = request.action() == RepointAction.STOP ? RouteStore.STOPPED : clusters.config(request.cluster()).bootstrapServers();
    return switch (request.client().strategy()) {
      case ROUTING -> {
        long before = routes.find(request.client().name()).map(ClientRoute::version).orElse(0L);
        ClientRoute route = routes.point(request.client().name(), request.cluster(), servers);
        yield new RepointResult(route.client(), route.cluster(), route.bootstrapServers(), route.version(), route.version() != before);
      }
    };
  }
}
