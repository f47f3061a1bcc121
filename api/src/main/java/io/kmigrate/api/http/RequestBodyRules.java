package io.kmigrate.api.http;

import io.kmigrate.api.resources.ApiException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * What a request that changes something must send, checked before anything else runs: a JSON
 * (or, for a plan, YAML) {@code Content-Type}, and a body no larger than its endpoint reads.
 *
 * <p>A browser sends {@code text/plain}, a form's type, or no type at all to another site without
 * asking it first (a CORS "simple request"); JSON and YAML need that preflight, which the API never
 * grants. So a page elsewhere cannot start or steer a migration on an API left open. A decision or
 * abort is a few hundred bytes: more than {@value #DECISION_BYTES} is refused before it is read
 * whole; a plan is read (at most 1 MiB) by its own endpoint, a campaign (at most 4 MiB) by its own.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
public final class RequestBodyRules implements ContainerRequestFilter {
  static final int DECISION_BYTES = 64 * 1024;
  private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final List<MediaType> PLAN_TYPES = List.of(
      MediaType.APPLICATION_JSON_TYPE, new MediaType("application", "yaml"), new MediaType("application", "x-yaml"),
      new MediaType("text", "yaml"));
  /** Where a plan, or a campaign of plans, starts something: YAML allowed, the endpoint bounds the body. */
  private static final Set<String> START_PATHS = Set.of("api/v1/migrations", "api/v1/campaigns");

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath().replaceFirst("^/", "").replaceFirst("/$", "");
    if (!path.startsWith("api/") || !CHANGES.contains(request.getMethod())) {
      return;
    }
    boolean start = START_PATHS.contains(path);
    MediaType type = request.getMediaType();
    if (type == null || (start ? PLAN_TYPES : List.of(MediaType.APPLICATION_JSON_TYPE)).stream().noneMatch(t -> t.isCompatible(type))) {
      throw new ApiException(415, (type == null ? "no Content-Type" : "Content-Type " + type.getType() + "/" + type.getSubtype() + " is not accepted")
          + ": send " + (start ? "the plan as application/json or application/yaml" : "a JSON body as application/json"));
    }
    if (!start) {
      request.setEntityStream(new ByteArrayInputStream(readAtMost(request, DECISION_BYTES)));
    }
  }

  private static byte[] readAtMost(ContainerRequestContext request, int limit) {
    if (request.getLength() > limit) {
      throw tooLarge(limit);
    }
    try {
      byte[] body = request.getEntityStream().readNBytes(limit + 1);
      if (body.length > limit) {
        throw tooLarge(limit);
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ApiException tooLarge(int limit) {
    return new ApiException(413, "the body is larger than " + limit / 1024 + " KiB: a decision or abort needs a few hundred bytes");
  }
}
