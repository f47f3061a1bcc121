package io.kmigrate.api.resources;

import io.kmigrate.config.InvalidPlanException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Turns {@link ApiException} and {@link InvalidPlanException} into JSON error responses; a 401
 * also carries the bearer challenge in WWW-Authenticate.
 */
public class ApiExceptionMapper implements ExceptionMapper<RuntimeException> {
  @Override
  public Response toResponse(RuntimeException e) {
    if (e instanceof InvalidPlanException invalid) {
      return json(400, new ErrorBody(400, "invalid plan: fix the fields listed in problems", invalid.problems()));
    }
    if (e instanceof ApiException api && api.status() == 401) {
      return Response.fromResponse(json(401, new ErrorBody(401, api.getMessage(), null)))
          .header(jakarta.ws.rs.core.HttpHeaders.WWW_AUTHENTICATE, ApiException.BEARER_CHALLENGE).build();
    }
    if (e instanceof ApiException api) {
      return json(api.status(), new ErrorBody(api.status(), api.getMessage(), api.problems()));
    }
    if (e instanceof jakarta.ws.rs.WebApplicationException web) {
      int status = web.getResponse().getStatus();
      return json(status, new ErrorBody(status, web.getMessage(), null));
    }
    org.slf4j.LoggerFactory.getLogger(ApiExceptionMapper.class).error("request failed", e);
    return json(500, new ErrorBody(500, "internal error: " + e, null));
  }

  private static Response json(int status, ErrorBody body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
