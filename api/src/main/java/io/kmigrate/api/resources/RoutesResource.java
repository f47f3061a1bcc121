package io.kmigrate.api.resources;

import io.kmigrate.activities.store.ClientRoute;
import io.kmigrate.activities.store.RouteStore;
import io.kmigrate.api.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Where a client should connect: applications read this at start (or poll it) to follow a
 * migration. With auth on they need a token with any role (viewer is enough).
 */
@Path("/api/v1/routes")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class RoutesResource {
  private final RouteStore routes;

  public RoutesResource(RouteStore routes) {
    this.routes = routes;
  }

  @GET
  @Path("{client}")
  public ClientRoute route(@PathParam("client") String client) {
    return routes.find(client).orElseThrow(() -> ApiException.notFound("no route for client '" + client + "'"));
  }
}
