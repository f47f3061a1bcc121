package io.kmigrate.api.resources;

import io.kmigrate.activities.store.ClientRoute;
import io.kmigrate.activities.store.RouteStore;
import io.kmigrate.api.auth.Roles;
import io.kmigrate.api.routes.RouteWaits;
import io.kmigrate.config.DurationText;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a client should connect: applications read this at start, then wait for it to change
 * ({@code ?after=VERSION&wait=30s}: answered as soon as the route's version differs from VERSION,
 * else 304 when the wait runs out), to follow a migration. With auth on they need a token with any
 * role (viewer is enough).
 */
@Path("/api/v1/routes")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class RoutesResource {
  /** The longest wait a caller may ask for: proxies and load balancers commonly cut idle connections at 60 s. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
  private final RouteStore routes;
  private final RouteWaits waits;
  private final Duration longestHold;

  /**
   * @param longestHold the longest this API holds a request, whatever wait it asks for: under the
   *     connector's idle timeout, which would otherwise end a held request with a 500 first
   */
  public RoutesResource(RouteStore routes, RouteWaits waits, Duration longestHold) {
    this.routes = routes;
    this.waits = waits;
    this.longestHold = longestHold;
  }

  @GET
  @Path("{client}")
  public void route(@PathParam("client") String client, @QueryParam("after") String after, @QueryParam("wait") String wait,
      @Suspended AsyncResponse response) {
    if (after == null) {
      if (wait != null) {
        throw ApiException.badRequest("wait: give after=VERSION too, the version of the route you hold (0 for none), e.g. ?after=3&wait=30s");
      }
      response.resume(routes.find(client).orElseThrow(() -> noRoute(client)));
      return;
    }
    long seen = version(after);
    Duration asked = waitOf(wait);
    Duration limit = asked.compareTo(longestHold) > 0 ? longestHold : asked;
    Optional<ClientRoute> now = routes.find(client);
    if (now.map(ClientRoute::version).orElse(0L) != seen) {
      response.resume(now.orElseThrow(() -> noRoute(client)));
    } else if (!waits.await(client, seen, limit, response)) {
      throw new ApiException(503, "this API instance is stopping, or " + RouteWaits.MAX_WAITING
          + " callers are waiting for routes on it already: ask again in a second");
    }
  }

  private static ApiException noRoute(String client) {
    return ApiException.notFound("no route for client '" + client + "'");
  }

  private static long version(String after) {
    try {
      long v = Long.parseLong(after);
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException notANumber) {
      // said below
    }
    throw ApiException.badRequest("after: '" + after + "' is not a route version: give the version of the route you hold, 0 for none");
  }

  private static Duration waitOf(String wait) {
    if (wait == null) {
      return DEFAULT_WAIT;
    }
    Duration d;
    try {
      d = DurationText.parse(wait);
    } catch (RuntimeException e) {
      d = null;
    }
    if (d == null || d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(MAX_WAIT) > 0) {
      throw ApiException.badRequest("wait: '" + wait + "' is not a wait of 1s to 60s: write e.g. wait=30s");
    }
    return d;
  }
}
