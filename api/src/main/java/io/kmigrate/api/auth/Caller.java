package io.kmigrate.api.auth;

import java.security.Principal;
import java.util.Set;
import java.util.TreeSet;

/** An authenticated user of the API: the name the audit log records, and the roles it holds. */
public record Caller(String name, Set<String> roles) implements Principal {
  public Caller {
    roles = Set.copyOf(roles);
  }

  @Override
  public String getName() {
    return name;
  }

  /** The roles in a stable order, for messages. */
  public String rolesText() {
    return String.join(", ", new TreeSet<>(roles));
  }
}
