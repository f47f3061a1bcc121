package io.kmigrate.activities.security;

import static io.kmigrate.activities.kafka.KafkaCalls.get;

import io.kmigrate.activities.Causes;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SecurityDisabledException;

/**
 * What a cluster's authorizer decides from, as read through Admin: whether it has one at all
 * ({@code describeAcls} answers {@link SecurityDisabledException} without), its ACL bindings, and
 * the settings that decide past them ({@code super.users}, {@code allow.everyone.if.no.acl.found}).
 * Brokers hide those two (they are the authorizer's, not the broker's, so {@code describeConfigs}
 * treats them as sensitive and answers no value): unknown, a super user is judged by its ACLs and
 * a resource without ACLs is closed, which is Kafka's default, and a notice says so.
 *
 * @param superUsers empty when unknown
 * @param allowEveryoneIfNoAcl false when unknown
 * @param settingsKnown whether both settings were read
 */
public record ClusterAuthorization(
    boolean enforced, List<AclBinding> bindings, Set<String> superUsers, boolean allowEveryoneIfNoAcl, boolean settingsKnown) {
  public static final String SUPER_USERS = "super.users";
  public static final String ALLOW_EVERYONE = "allow.everyone.if.no.acl.found";

  public ClusterAuthorization {
    bindings = List.copyOf(bindings);
    superUsers = Set.copyOf(superUsers);
  }

  /** A cluster without an authorizer: everyone may do everything. */
  public static ClusterAuthorization none() {
    return new ClusterAuthorization(false, List.of(), Set.of(), true, true);
  }

  /**
   * Reads it. Fails with the broker's exception when kmigrate may not describe ACLs
   * (ClusterAuthorizationException: it needs DESCRIBE on the cluster) or the cluster has no ACL
   * API (UnsupportedVersionException).
   */
  public static ClusterAuthorization read(Admin admin) {
    Collection<AclBinding> bindings;
    try {
      bindings = get(admin.describeAcls(AclBindingFilter.ANY).values());
    } catch (SecurityDisabledException e) {
      return none();
    }
    Optional<Config> config = brokerConfig(admin);
    Optional<String> superUsers = config.flatMap(c -> value(c, SUPER_USERS));
    Optional<String> allowEveryone = config.flatMap(c -> value(c, ALLOW_EVERYONE));
    return new ClusterAuthorization(true, List.copyOf(bindings), superUsers.map(ClusterAuthorization::superUsers).orElse(Set.of()),
        allowEveryone.map("true"::equalsIgnoreCase).orElse(false), superUsers.isPresent() && allowEveryone.isPresent());
  }

  private static Optional<Config> brokerConfig(Admin admin) {
    try {
      Collection<Node> nodes = get(admin.describeCluster().nodes());
      if (nodes.isEmpty()) {
        return Optional.empty();
      }
      ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, nodes.iterator().next().idString());
      return Optional.ofNullable(get(admin.describeConfigs(List.of(broker)).all()).get(broker));
    } catch (RuntimeException e) {
      if (Causes.root(e) instanceof RetriableException) {
        throw e;
      }
      return Optional.empty(); // a managed service may refuse: decide from the ACLs, and say so
    }
  }

  /** A setting's value, or empty when the broker hides it (sensitive, or not there). */
  private static Optional<String> value(Config config, String name) {
    ConfigEntry entry = config.get(name);
    return entry == null || entry.isSensitive() || entry.value() == null ? Optional.empty() : Optional.of(entry.value());
  }

  private static Set<String> superUsers(String value) {
    return Arrays.stream(value.split(";")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }

  /** This cluster's decisions if {@code added} bindings were created too (a copy about to happen). */
  public ClusterAuthorization with(Collection<AclBinding> added) {
    if (added.isEmpty()) {
      return this;
    }
    Set<AclBinding> all = new LinkedHashSet<>(bindings);
    all.addAll(added);
    return new ClusterAuthorization(enforced, List.copyOf(all), superUsers, allowEveryoneIfNoAcl, settingsKnown);
  }
}
