package io.kmigrate.api.auth;

import io.kmigrate.api.resources.ApiException;
import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.util.List;

/**
 * Enforces {@code @RolesAllowed} (the method's, else its class's) after authentication, answering
 * 403 with a JSON body that names the role needed. Jersey's own RolesAllowedDynamicFeature would
 * say only "User not authorized".
 */
public final class RequiredRoleFeature implements DynamicFeature {
  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    RolesAllowed allowed = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
    if (allowed == null) {
      allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
    }
    if (allowed != null) {
      context.register(new RoleFilter(List.of(allowed.value())));
    }
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
