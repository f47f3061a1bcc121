package io.kmigrate.api.auth;

import io.kmigrate.api.resources.ApiException;
import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.util.List;

/**
 * Guards every resource under /api/: the bearer filter first (401), then the role its
 * {@code @RolesAllowed} names (the method's, else its class's; {@code viewer} when it names none,
 * so an endpoint added without one still needs a token), answering 403 with a JSON body that
 * names the role needed. Jersey's RolesAllowedDynamicFeature would say only "User not authorized",
 * and Dropwizard's AuthDynamicFeature would leave an unannotated endpoint open. Resources outside
 * /api/ (a console page, say) are left alone.
 */
public final class ApiAccessFeature implements DynamicFeature {
  private final ContainerRequestFilter authentication;

  public ApiAccessFeature(ContainerRequestFilter authentication) {
    this.authentication = authentication;
  }

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Path path = resource.getResourceClass().getAnnotation(Path.class);
    if (path == null || !path.value().replaceFirst("^/", "").startsWith("api/")) {
      return;
    }
    RolesAllowed allowed = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
    if (allowed == null) {
      allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
    }
    context.register(authentication);
    context.register(new RoleFilter(allowed == null ? List.of(Roles.VIEWER) : List.of(allowed.value())));
  }

  @Priority(Priorities.AUTHORIZATION)
  static final class RoleFilter implements ContainerRequestFilter {
    private final List<String> roles;

    RoleFilter(List<String> roles) {
      this.roles = roles;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      var security = request.getSecurityContext();
      if (roles.stream().anyMatch(security::isUserInRole)) {
        return;
      }
      String who = security.getUserPrincipal() instanceof Caller c ? "'" + c.name() + "' has " + c.rolesText() : "the caller has no role";
      throw ApiException.forbidden("role " + String.join(" or ", roles) + " needed for " + request.getMethod() + " "
          + "/" + request.getUriInfo().getPath() + ": " + who);
    }
  }
}
