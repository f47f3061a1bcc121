package io.kmigrate.api.resources;

import io.kmigrate.activities.store.Database;
import io.kmigrate.api.health.StoreUnavailable;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import io.kmigrate.activities.store.StoreUnreachable;
import org.jdbi.v3.core.JdbiException;

/**
 * A store that does not answer is a 503 that says so, not a 500: the request may be retried. Other
 * store failures go to the general mapper (a 500).
 */
public class StoreUnavailableMapper implements ExceptionMapper<JdbiException> {
  private final Database database;

  public StoreUnavailableMapper(Database database) {
    this.database = database;
  }

  @Override
  public Response toResponse(JdbiException e) {
    if (!StoreUnreachable.is(e)) {
      return new ApiExceptionMapper().toResponse(e);
    }
    return Response.status(503)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorBody(503, StoreUnavailable.describe(database, e), null))
        .build();
  }
}
