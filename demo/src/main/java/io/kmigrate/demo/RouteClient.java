package io.kmigrate.demo;

import io.kmigrate.clients.ApiToken;
import io.kmigrate.clients.Route;
import io.kmigrate.clients.RouteWatcher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** What a routing-strategy application does: follow its route through the API, with kmigrate-clients' {@link RouteWatcher}. */
public final class RouteClient implements RouteSource {
  private final String apiBase;
  private final String client;
  private final List<RouteWatcher> started = new CopyOnWriteArrayList<>();

  public RouteClient(String apiBase, String client) {
    this.apiBase = apiBase;
    this.client = client;
  }

  @Override
  public AutoCloseable follow(Consumer<Route> listener) {
    // The demo's API runs with auth off: no token, whatever the environment holds.
    RouteWatcher w = RouteWatcher.start(RouteWatcher.Options.of(apiBase, client).withToken(ApiToken.none()), listener);
    started.add(w);
    return w;
  }

  /** Requests of its watchers that the API did not answer. */
  public long failures() {
    return started.stream().mapToLong(w -> w.stats().failures()).sum();
  }
}
