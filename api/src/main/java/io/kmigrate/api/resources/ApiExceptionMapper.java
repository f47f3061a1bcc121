package io.kmigrate.api.resources;

import io.kmigrate.api.ErrorIds;
import io.kmigrate.api.migrations.MigrationException;
import io.kmigrate.config.InputLimits;
import io.kmigrate.config.InvalidPlanException;
import io.kmigrate.config.PlanProblem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Turns {@link ApiException}, the service's {@link MigrationException}s (unknown 404, refused 409,
 * bad input 400, unavailable 503) and {@link InvalidPlanException} into JSON error responses; a
 * 401 also carries the bearer challenge in WWW-Authenticate.
 */
public class ApiExceptionMapper implements ExceptionMapper<RuntimeException> {
  @Override
  public Response toResponse(RuntimeException e) {
    if (e instanceof InvalidPlanException invalid) {
      List<PlanProblem> all = invalid.problems();
      if (all.size() <= InputLimits.PROBLEMS_LISTED) {
        return json(400, new ErrorBody(400, "invalid plan: fix the fields listed in problems", all));
      }
      int omitted = all.size() - InputLimits.PROBLEMS_LISTED;
      return json(400, new ErrorBody(400,
          String.format("invalid plan: fix the fields listed in problems (the first %d of %,d)", InputLimits.PROBLEMS_LISTED, all.size()),
          all.subList(0, InputLimits.PROBLEMS_LISTED), omitted));
    }
    if (e instanceof ApiException api && api.status() == 401) {
      return Response.fromResponse(json(401, new ErrorBody(401, api.getMessage(), null)))
          .header(HttpHeaders.WWW_AUTHENTICATE, ApiException.BEARER_CHALLENGE).build();
    }
    if (e instanceof ApiException api && api.status() == 503) {
      // Busy for a moment (too many waiting callers, say): a client may ask again a second later.
      return Response.fromResponse(json(503, new ErrorBody(503, api.getMessage(), null))).header(HttpHeaders.RETRY_AFTER, "1").build();
    }
    if (e instanceof ApiException api) {
      return json(api.status(), new ErrorBody(api.status(), api.getMessage(), api.problems()));
    }
    if (e instanceof MigrationException m) {
      int status = m instanceof MigrationException.Unknown ? 404
          : m instanceof MigrationException.Refused ? 409
          : m instanceof MigrationException.BadInput ? 400
          : 503;
      return json(status, new ErrorBody(status, m.getMessage(), m instanceof MigrationException.BadInput bad ? bad.problems() : null));
    }
    if (e instanceof WebApplicationException web) {
      int status = web.getResponse().getStatus();
      return json(status, new ErrorBody(status, web.getMessage(), null));
    }
    // Nothing of the exception reaches the caller: its text may name hosts, tables or classes.
    String id = ErrorIds.next();
    LoggerFactory.getLogger(ApiExceptionMapper.class).error("error id {}: request failed", id, e);
    return json(500, new ErrorBody(500, "internal error: the server logged it as error id " + id, null));
  }

  private static Response json(int status, ErrorBody body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
