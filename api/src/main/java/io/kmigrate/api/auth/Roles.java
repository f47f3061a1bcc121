package io.kmigrate.api.auth;

import java.util.List;
import java.util.Set;

/**
 * The API's roles. Annotations name them ({@code @RolesAllowed(Roles.OPERATOR)}), so they are
 * string constants. Reading needs {@link #VIEWER}, which every role includes.
 */
public final class Roles {
  /** Reads migrations, their audit logs and routes. */
  public static final String VIEWER = "viewer";
  /** Starts and aborts migrations. */
  public static final String OPERATOR = "operator";
  /** Approves and rejects gates. */
  public static final String APPROVER = "approver";

  public static final List<String> ALL = List.of(VIEWER, OPERATOR, APPROVER);

  private Roles() {}

  /** Whether a caller holding {@code held} may do what needs {@code needed}. */
  public static boolean grants(Set<String> held, String needed) {
    return held.contains(needed) || (VIEWER.equals(needed) && !held.isEmpty());
  }
}
