package io.kmigrate.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A set of application instances repointed together. A consumer client names the consumer
 * group it belongs to, so its move can be verified from that group's members and commits. In
 * scheme production-later a consumer client that {@code replaces} another is the new set of
 * instances started on the target beside the old one, which is stopped once the source drains.
 *
 * <p>{@code principal} (as Kafka names it, {@code User:orders-api}) is who the client
 * authenticates as; with it, preflight checks that the target lets it do what it does (and
 * that its SCRAM credential exists there). A transactional producer also names its
 * {@code transactionalId}, or the {@code transactionalIdPrefix} its instances share.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientGroup(
    @NotBlank
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,199}", message = "must hold only letters, digits, '.', '_' or '-'")
        String name,
    @NotNull(message = "must be producer or consumer") ClientRole role,
    RepointStrategy strategy,
    String consumerGroup,
    String replaces,
    @Valid Webhook webhook,
    String principal,
    String transactionalId,
    String transactionalIdPrefix) {

  public ClientGroup {
    strategy = strategy == null ? RepointStrategy.ROUTING : strategy;
  }

  public ClientGroup(String name, ClientRole role, RepointStrategy strategy, String consumerGroup) {
    this(name, role, strategy, consumerGroup, null, null);
  }

  public ClientGroup(String name, ClientRole role, RepointStrategy strategy, String consumerGroup, String replaces) {
    this(name, role, strategy, consumerGroup, replaces, null);
  }

  /** A client as written before principals existed: kmigrate does not check what it may do on the target. */
  public ClientGroup(String name, ClientRole role, RepointStrategy strategy, String consumerGroup, String replaces, Webhook webhook) {
    this(name, role, strategy, consumerGroup, replaces, webhook, null, null, null);
  }

  /** This client with the principal it authenticates as (and, for a transactional producer, its transactional id). */
  public ClientGroup withPrincipal(String principal, String transactionalId, String transactionalIdPrefix) {
    return new ClientGroup(name, role, strategy, consumerGroup, replaces, webhook, principal, transactionalId, transactionalIdPrefix);
  }

  /** Whether the plan names who this client is, so its permissions on the target can be checked. */
  @JsonIgnore
  public boolean hasPrincipal() {
    return principal != null && !principal.isBlank();
  }

  /** In scheme production-later: the new consumers, started on the target beside the old client. */
  @JsonIgnore
  public boolean isReplacement() {
    return replaces != null && !replaces.isBlank();
  }
}
