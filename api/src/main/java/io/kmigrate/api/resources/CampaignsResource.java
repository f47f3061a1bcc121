package io.kmigrate.api.resources;

import io.kmigrate.api.auth.Roles;
import io.kmigrate.api.migrations.CampaignService;
import io.kmigrate.config.CampaignPlan;
import io.kmigrate.config.PlanLoader;
import io.kmigrate.config.Utf8Text;
import io.kmigrate.workflows.campaign.WaveDecision;
import io.kmigrate.workflows.gates.AbortRequest;
import io.kmigrate.workflows.gates.DecisionRecord;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
 * Campaigns: many migrations in waves. Same roles, audit and error answers as migrations: a
 * viewer reads, an operator starts and aborts, an approver decides a wave's gate.
 */
@Path("/api/v1/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class CampaignsResource {
  /** A campaign carries every unit's plan: up to four plans' worth of text. */
  static final int MAX_BYTES = PlanLoader.MAX_BYTES * 4;

  private final CampaignService campaigns;

  public CampaignsResource(CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  /** 201 with the id and the waves; 400 naming each bad field (plans[2].topics[0], waves[1][0]); 409 if it or a unit exists. */
  @POST
  @RolesAllowed(Roles.OPERATOR)
  @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
  public Response start(InputStream body, @Context HttpServletRequest request, @Context SecurityContext security) throws IOException {
    CampaignPlan plan = campaigns.parseValid(text(body));
    CampaignService.Started started = campaigns.start(plan, MigrationsResource.by(security, "api"), request.getRemoteAddr());
    return Response.created(URI.create("/api/v1/campaigns/" + started.id())).entity(started).build();
  }

  /** The newest campaigns (at most 200), each with its status in Temporal. */
  @GET
  public List<CampaignService.Listed> list() {
    return campaigns.list();
  }

  @GET
  @Path("{id}")
  public CampaignService.View get(@PathParam("id") String id) {
    return campaigns.view(id);
  }

  @POST
  @Path("{id}/waves/{wave}/approve")
  @RolesAllowed(Roles.APPROVER)
  @Consumes(MediaType.APPLICATION_JSON)
  public DecisionRecord approve(@PathParam("id") String id, @PathParam("wave") int wave, WaveBody body,
      @Context HttpServletRequest request, @Context SecurityContext security) {
    return campaigns.decideWave(id, true, decision(wave, body, request, security));
  }

  /** Ends the campaign at this wave: it and the waves after it never start. */
  @POST
  @Path("{id}/waves/{wave}/stop")
  @RolesAllowed(Roles.APPROVER)
  @Consumes(MediaType.APPLICATION_JSON)
  public DecisionRecord stop(@PathParam("id") String id, @PathParam("wave") int wave, WaveBody body,
      @Context HttpServletRequest request, @Context SecurityContext security) {
    return campaigns.decideWave(id, false, decision(wave, body, request, security));
  }

  @POST
  @Path("{id}/abort")
  @RolesAllowed(Roles.OPERATOR)
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, String> abort(@PathParam("id") String id, AbortBody body,
      @Context HttpServletRequest request, @Context SecurityContext security) {
    AbortBody b = body == null ? new AbortBody(null, null) : body;
    return Map.of("result", campaigns.abort(id, new AbortRequest(b.reason(), MigrationsResource.by(security, b.by()), request.getRemoteAddr())));
  }

  private static WaveDecision decision(int wave, WaveBody body, HttpServletRequest request, SecurityContext security) {
    WaveBody b = body == null ? new WaveBody(null, null, List.of()) : body;
    return new WaveDecision(wave, MigrationsResource.by(security, b.by()), b.comment(), b.skip(), request.getRemoteAddr());
  }

  /** The body as text, refused past {@link #MAX_BYTES} without reading more, and when it is not UTF-8. */
  private static String text(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new ApiException(413, "the campaign is larger than " + MAX_BYTES / 1024 + " KiB: split it");
    }
    return Utf8Text.decode(bytes, "(campaign)", "campaign");
  }
}
