package io.kmigrate.api.resources;

import io.kmigrate.activities.store.MigrationRecord;
import io.kmigrate.api.auth.Caller;
import io.kmigrate.api.auth.Roles;
import io.kmigrate.api.migrations.MigrationFilter;
import io.kmigrate.api.migrations.MigrationService;
import io.kmigrate.config.MigrationPlan;
import io.kmigrate.config.PlanLoader;
import io.kmigrate.workflows.contract.AuditEntry;
import io.kmigrate.workflows.gates.AbortRequest;
import io.kmigrate.workflows.gates.DecisionRecord;
import io.kmigrate.workflows.gates.GateDecision;
import io.kmigrate.workflows.gates.GateVerdict;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Start, list, inspect and steer migrations. Every start and decision is audited with the
 * request's source address: the TCP peer as the server saw it. X-Forwarded-For is not read, since
 * any client can set it; behind a proxy the proxy's address is recorded.
 *
 * <p>With auth on, reading needs any role, starting and aborting {@code operator}, deciding gates
 * {@code approver}, and the audit log names the authenticated user: a {@code by} in the body is
 * then ignored, so nobody can act under another's name. With the API open, {@code by} names the
 * person as before.
 */
@Path("/api/v1/migrations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class MigrationsResource {
  private final MigrationService migrations;

  public MigrationsResource(MigrationService migrations) {
    this.migrations = migrations;
  }

  /**
   * Body: a plan in JSON or YAML, UTF-8, at most {@link PlanLoader#MAX_BYTES} (no more is read).
   * 201 with the id; 400 naming each bad field; 409 if already started.
   */
  @POST
  @RolesAllowed(Roles.OPERATOR)
  @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
  public Response start(InputStream body, @Context HttpServletRequest request, @Context SecurityContext security) throws IOException {
    MigrationPlan plan = migrations.parseAndValidate(PlanLoader.text(body));
    MigrationService.Started started =
        migrations.start(plan, by(security, MigrationService.STARTED_BY), request.getRemoteAddr());
    return Response.created(URI.create("/api/v1/migrations/" + started.id())).entity(started).build();
  }

  /** Every migration, newest first; {@code phase}, {@code gate}, {@code source}, {@code target} keep those that match each given value. */
  @GET
  public List<MigrationRecord> list(@QueryParam("phase") String phase, @QueryParam("gate") String gate,
      @QueryParam("source") String source, @QueryParam("target") String target) {
    return migrations.list(new MigrationFilter(phase, gate, source, target));
  }

  @GET
  @Path("{id}")
  public MigrationService.View get(@PathParam("id") String id) {
    return migrations.view(id);
  }

  /** The migration's audit log, oldest first: starts, decisions, reminders, aborts. 404 if unknown. */
  @GET
  @Path("{id}/audit")
  public List<AuditEntry> audit(@PathParam("id") String id) {
    return migrations.audit(id);
  }

  @POST
  @Path("{id}/gates/{gate}/approve")
  @RolesAllowed(Roles.APPROVER)
  @Consumes(MediaType.APPLICATION_JSON)
  public DecisionRecord approve(@PathParam("id") String id, @PathParam("gate") String gate, DecisionBody body,
      @Context HttpServletRequest request, @Context SecurityContext security) {
    return migrations.decide(id, GateVerdict.APPROVE, decision(gate, body, request, security));
  }

  @POST
  @Path("{id}/gates/{gate}/reject")
  @RolesAllowed(Roles.APPROVER)
  @Consumes(MediaType.APPLICATION_JSON)
  public DecisionRecord reject(@PathParam("id") String id, @PathParam("gate") String gate, DecisionBody body,
      @Context HttpServletRequest request, @Context SecurityContext security) {
    return migrations.decide(id, GateVerdict.REJECT, decision(gate, body, request, security));
  }

  @POST
  @Path("{id}/abort")
  @RolesAllowed(Roles.OPERATOR)
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, String> abort(@PathParam("id") String id, AbortBody body,
      @Context HttpServletRequest request, @Context SecurityContext security) {
    AbortBody b = body == null ? new AbortBody(null, null) : body;
    return Map.of("result", migrations.abort(id, new AbortRequest(b.reason(), by(security, b.by()), request.getRemoteAddr())));
  }

  /** The decision the body states, by the authenticated user when auth is on, from the requester's address. */
  private static GateDecision decision(String gate, DecisionBody body, HttpServletRequest request, SecurityContext security) {
    DecisionBody b = body == null ? new DecisionBody(null, null) : body;
    return new GateDecision(gate, by(security, b.by()), b.comment(), request.getRemoteAddr(), b.openedAt());
  }

  /** Who the audit log names: the authenticated user when auth is on, else {@code named} (the body's by). */
  static String by(SecurityContext security, String named) {
    return security.getUserPrincipal() instanceof Caller caller ? caller.name() : named;
  }
}
