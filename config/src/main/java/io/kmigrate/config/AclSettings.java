package io.kmigrate.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Whether prepare-target copies the source's ACLs bound to the plan's topics, groups and
 * transactional ids (literal bindings and the prefixed ones that match them) to the target.
 * Unset, kmigrate copies them when the target has an authorizer: without one there is nothing
 * an ACL could change.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AclSettings(Boolean copy) {
  /** Copy when the target has an authorizer. */
  public static AclSettings auto() {
    return new AclSettings(null);
  }

  /** Whether to copy, given whether the target enforces ACLs. */
  @JsonIgnore
  public boolean copies(boolean targetHasAuthorizer) {
    return copy == null ? targetHasAuthorizer : copy;
  }
}
