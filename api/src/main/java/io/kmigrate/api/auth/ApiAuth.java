package io.kmigrate.api.auth;

import io.dropwizard.auth.UnauthorizedHandler;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.kmigrate.activities.kafka.SecretResolver;
import io.kmigrate.api.AuthSettings;
import io.kmigrate.api.resources.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the REST API behind bearer tokens with roles, or leaves it open where that is allowed.
 * Only Jersey's resources (everything under /api/v1) are covered: static assets and the admin
 * port are not. See {@link ApiAccessFeature} for which role each endpoint needs.
 */
public final class ApiAuth {
  private static final Logger log = LoggerFactory.getLogger(ApiAuth.class);

  /** How the API runs. */
  public enum Mode {
    /** Users are configured: every /api/v1 request needs a token. */
    ENFORCED,
    /** No users, and {@code auth.open: true} says an open API is accepted. */
    OPEN_BY_CHOICE,
    /** No users on the embedded Temporal: a try-out on one machine. */
    OPEN_EMBEDDED
  }

  private ApiAuth() {}

  /**
   * The mode this configuration asks for; refuses (with the fix) an open API beside a real
   * Temporal unless {@code auth.open} accepts it, and users together with {@code auth.open}.
   */
  public static Mode mode(AuthSettings auth, boolean embeddedTemporal) {
    if (!auth.users.isEmpty()) {
      if (auth.open) {
        throw new IllegalStateException("auth.open is true but auth.users lists " + auth.users.size()
            + " user(s): remove auth.open to require tokens, or the users to run open");
      }
      return Mode.ENFORCED;
    }
    if (auth.open) {
      return Mode.OPEN_BY_CHOICE;
    }
    if (embeddedTemporal) {
      return Mode.OPEN_EMBEDDED;
    }
    throw new IllegalStateException("auth.users is empty and temporal.address is set: the API beside a real Temporal "
        + "must not run open. Add auth.users (each a name, a token as ${env:NAME} or ${file:/path}, and roles "
        + "viewer/operator/approver), or set auth.open: true to accept an open API");
  }

  /** Installs what {@link #mode} asks for; returns the mode. Fails before anything listens when a token cannot be resolved. */
  public static Mode install(AuthSettings auth, boolean embeddedTemporal, SecretResolver secrets, JerseyEnvironment jersey) {
    Mode mode = mode(auth, embeddedTemporal);
    ApiUsers users = ApiUsers.resolve(auth.users, secrets);
    jersey.register(new QueryTokenFilter(users));
    switch (mode) {
      case ENFORCED -> {
        jersey.register(new ApiAccessFeature(new OAuthCredentialAuthFilter.Builder<Caller>()
            .setAuthenticator(users)
            .setAuthorizer((caller, role, request) -> Roles.grants(caller.roles(), role))
            .setPrefix("Bearer")
            .setRealm("kmigrate")
            .setUnauthorizedHandler(new JsonUnauthorized())
            .buildAuthFilter()));
        log.info("API auth: bearer tokens required for /api/v1 ({} user(s))", auth.users.size());
      }
      case OPEN_BY_CHOICE -> log.info("API auth: open (auth.open: true): every /api/v1 request is accepted without a token");
      case OPEN_EMBEDDED -> log.warn("API auth: open: no auth.users configured, so every /api/v1 request is accepted "
          + "without a token (allowed on the embedded Temporal only; configure auth.users before sharing this API)");
    }
    return mode;
  }

  /** A missing or unknown token: 401 as JSON through {@link io.kmigrate.api.resources.ApiExceptionMapper}. */
  private static final class JsonUnauthorized implements UnauthorizedHandler {
    @Override
    public RuntimeException buildException(String prefix, String realm) {
      return ApiException.unauthorized("missing or unknown token: send Authorization: Bearer <token> with a token from auth.users");
    }
  }
}
