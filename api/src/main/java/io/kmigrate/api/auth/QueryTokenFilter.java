package io.kmigrate.api.auth;

import io.kmigrate.api.resources.ApiException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Refuses, with 400 and before anything else runs, a request that carries a token in its query
 * string: a parameter named like one ({@code access_token}, {@code token}, {@code api_key}) or
 * whose value is a configured token. URLs end up in proxy logs, browser history and Referer
 * headers; tokens belong in the Authorization header. Dropwizard's bearer filter would otherwise
 * accept {@code ?access_token=}. The message never repeats the value.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class QueryTokenFilter implements ContainerRequestFilter {
  static final Set<String> TOKEN_PARAMS = Set.of("access_token", "token", "api_key");

  private final ApiUsers users;

  public QueryTokenFilter(ApiUsers users) {
    this.users = users;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    for (Map.Entry<String, List<String>> param : request.getUriInfo().getQueryParameters().entrySet()) {
      String name = param.getKey();
      if (TOKEN_PARAMS.contains(name.toLowerCase(Locale.ROOT)) || param.getValue().stream().anyMatch(v -> users.find(v).isPresent())) {
        throw ApiException.badRequest("query parameter '" + name + "' carries a token: send it in the Authorization header "
            + "(Authorization: Bearer <token>), never in the URL");
      }
    }
  }
}
