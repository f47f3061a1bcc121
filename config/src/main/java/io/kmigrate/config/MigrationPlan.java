package io.kmigrate.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What to move and how: the input of every migration workflow. Its {@code name} becomes the
 * workflow id, so a second start of the same plan is refused rather than run twice. Cluster
 * names refer to the worker's configuration; a plan never carries credentials. Without a
 * {@code mirror} section only scheme mirror-then-switch mirrors, as it cannot run without.
 * {@code acls} and {@code quotas} say whether the source's ACLs and client quotas for the
 * plan's resources and principals are carried over to the target before any client moves.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MigrationPlan(
    @NotBlank
        @Pattern(
            regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,199}",
            message = "must start with a letter or digit and hold only letters, digits, '.', '_' or '-' (at most 200)")
        String name,
    @NotNull(message = "must be production-first, production-later or mirror-then-switch") Scheme scheme,
    @NotBlank String source,
    @NotBlank String target,
    List<@NotBlank String> topics,
    String topicPattern,
    List<@NotBlank String> consumerGroups,
    @NotEmpty List<@NotNull @Valid ClientGroup> clients,
    @Valid Gates gates,
    @Valid Waits waits,
    MirrorSettings mirror,
    AclSettings acls,
    QuotaSettings quotas) {

  public MigrationPlan {
    // Null entries are kept (List.copyOf would throw) so the validator names them: topics[i], clients[i].
    topics = topics == null ? null : copy(topics);
    consumerGroups = consumerGroups == null ? List.of() : copy(consumerGroups);
    clients = clients == null ? null : copy(clients);
    gates = gates == null ? Gates.defaults() : gates;
    waits = waits == null ? Waits.defaults() : waits;
    if (mirror == null) {
      mirror = scheme == Scheme.MIRROR_THEN_SWITCH ? MirrorSettings.allTopics() : MirrorSettings.disabled();
    }
    acls = acls == null ? AclSettings.auto() : acls;
    quotas = quotas == null ? QuotaSettings.copied() : quotas;
  }

  /** A plan as written before {@code acls} and {@code quotas} existed: both take their defaults. */
  public MigrationPlan(
      String name,
      Scheme scheme,
      String source,
      String target,
      List<String> topics,
      String topicPattern,
      List<String> consumerGroups,
      List<ClientGroup> clients,
      Gates gates,
      Waits waits,
      MirrorSettings mirror) {
    this(name, scheme, source, target, topics, topicPattern, consumerGroups, clients, gates, waits, mirror, null, null);
  }

  /** A plan as written before {@code mirror} existed: the scheme decides whether it mirrors. */
  public MigrationPlan(
      String name,
      Scheme scheme,
      String source,
      String target,
      List<String> topics,
      String topicPattern,
      List<String> consumerGroups,
      List<ClientGroup> clients,
      Gates gates,
      Waits waits) {
    this(name, scheme, source, target, topics, topicPattern, consumerGroups, clients, gates, waits, null, null, null);
  }

  /** Whether MirrorMaker 2 copies the topics' stored messages to the target during this migration. */
  @JsonIgnore
  public boolean mirrors() {
    return mirror.isEnabled();
  }

  public List<ClientGroup> clientsWithRole(ClientRole role) {
    return clients.stream().filter(c -> c != null && c.role() == role).toList();
  }

  private static <T> List<T> copy(List<T> list) {
    return Collections.unmodifiableList(new ArrayList<>(list));
  }
}
