package io.kmigrate.activities.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Client routes, served by {@code GET /api/v1/routes/{client}} and flipped by the workflow. Every
 * change is told to the database's {@link RouteChanges} once committed.
 */
public final class RouteStore {
  private final Jdbi jdbi;
  private final RouteChanges changes;

  public RouteStore(Database database) {
    this.jdbi = database.jdbi();
    this.changes = database.routeChanges();
  }

  /** Runs {@code listener} after each route change this process writes; returns what unsubscribes it (see {@link RouteChanges}). */
  public Runnable onChange(Runnable listener) {
    return changes.subscribe(listener);
  }

  public Optional<ClientRoute> find(String client) {
    return jdbi.withHandle(h -> find(h, client));
  }

  /**
   * The current version of each of {@code clients} that has a route (one query per 500 clients):
   * what the API's long polls compare with the version each caller last saw.
   */
  public Map<String, Long> versions(Collection<String> clients) {
    Map<String, Long> versions = new HashMap<>();
    List<String> all = List.copyOf(clients);
    for (int from = 0; from < all.size(); from += 500) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
      jdbi.useHandle(h -> h.createQuery("select client, version from client_routes where client in (<clients>)")
          .bindList("clients", chunk)
          .map((rs, ctx) -> Map.entry(rs.getString("client"), rs.getLong("version")))
          .forEach(e -> versions.put(e.getKey(), e.getValue())));
    }
    return versions;
  }

  /** Creates the route if the client has none; an existing route is left as it is. */
  public ClientRoute register(String client, String cluster, String bootstrapServers) {
    return written(h -> {
      Optional<ClientRoute> current = find(h, client);
      if (current.isPresent()) {
        return new Write(current.get(), false);
      }
      insert(h, client, cluster, bootstrapServers);
      return new Write(find(h, client).orElseThrow(), true);
    });
  }

  /** Points the client at {@code cluster}; the version changes only when the route does. */
  public ClientRoute point(String client, String cluster, String bootstrapServers) {
    return written(h -> {
      Optional<ClientRoute> current = find(h, client);
      if (current.isEmpty()) {
        insert(h, client, cluster, bootstrapServers);
      } else if (current.get().cluster().equals(cluster) && current.get().bootstrapServers().equals(bootstrapServers)) {
        return new Write(current.get(), false);
      } else {
        h.createUpdate(
                "update client_routes set cluster = :k, bootstrap_servers = :b, version = version + 1, updated_at = :at where client = :c")
            .bind("c", client).bind("k", cluster).bind("b", bootstrapServers).bind("at", now())
            .execute();
      }
      return new Write(find(h, client).orElseThrow(), true);
    });
  }

  /** A route as a transaction left it, and whether the transaction changed it. */
  private record Write(ClientRoute route, boolean changed) {}

  /** Runs {@code transaction}; a change is told to {@link RouteChanges} once it has committed. */
  private ClientRoute written(HandleCallback<Write, RuntimeException> transaction) {
    Write w = jdbi.inTransaction(transaction);
    if (w.changed()) {
      changes.changed();
    }
    return w.route();
  }

  /** Tells the client to stop: the route keeps the cluster it stops on and empty bootstrap servers. */
  public ClientRoute stop(String client, String cluster) {
    return point(client, cluster, STOPPED);
  }

  /** Bootstrap servers of a stopped route: a client reading it disconnects and idles. */
  public static final String STOPPED = "";

  private static void insert(Handle h, String client, String cluster, String bootstrapServers) {
    h.createUpdate(
            "insert into client_routes (client, cluster, bootstrap_servers, version, updated_at) values (:c, :k, :b, 1, :at)")
        .bind("c", client).bind("k", cluster).bind("b", bootstrapServers).bind("at", now())
        .execute();
  }

  private static Optional<ClientRoute> find(Handle h, String client) {
    return h.createQuery("select * from client_routes where client = :c")
        .bind("c", client)
        .map((rs, ctx) -> new ClientRoute(
            rs.getString("client"), rs.getString("cluster"), rs.getString("bootstrap_servers"), rs.getLong("version"),
            rs.getObject("updated_at", OffsetDateTime.class).toInstant().toString()))
        .findOne();
  }

  private static OffsetDateTime now() {
    return Instant.now().atOffset(ZoneOffset.UTC);
  }
}
