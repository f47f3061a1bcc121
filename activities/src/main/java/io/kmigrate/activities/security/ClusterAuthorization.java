package io.kmigrate.activities.security;

import static io.kmigrate.activities.kafka.KafkaCalls.get;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SecurityDisabledException;

/**
 * What a cluster's authorizer decides from, as read through Admin: whether it has one at all
 * ({@code describeAcls} answers {@link SecurityDisabledException} without), its ACL bindings, and
 * the broker settings that decide past them ({@code super.users},
 * {@code allow.everyone.if.no.acl.found}).
 *
 * @param enforced whether the cluster has an authorizer
 * @param superUsersKnown whether the broker's configuration could be read (super users and the
 *     no-ACL default are otherwise taken as none and deny)
 */
public record ClusterAuthorization(
    boolean enforced, List<AclBinding> bindings, Set<String> superUsers, boolean allowEveryoneIfNoAcl, boolean superUsersKnown) {
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
   * (ClusterAuthorizationException: it needs DESCRIBE on the cluster).
   */
  public static ClusterAuthorization read(Admin admin) {
    Collection<AclBinding> bindings;
    try {
      bindings = get(admin.describeAcls(AclBindingFilter.ANY).values());
    } catch (SecurityDisabledException e) {
      return none();
    }
    Collection<Node> nodes = get(admin.describeCluster().nodes());
    if (nodes.isEmpty()) {
      return new ClusterAuthorization(true, List.copyOf(bindings), Set.of(), false, false);
    }
    ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, nodes.iterator().next().idString());
    Config config;
    try {
      config = get(admin.describeConfigs(List.of(broker)).all()).get(broker);
    } catch (RuntimeException cannotRead) {
      // A managed service may hide its broker settings: decide from the ACLs alone, and say so.
      return new ClusterAuthorization(true, List.copyOf(bindings), Set.of(), false, false);
    }
    return new ClusterAuthorization(true, List.copyOf(bindings), superUsers(config.get(SUPER_USERS)),
        config.get(ALLOW_EVERYONE) != null && "true".equalsIgnoreCase(config.get(ALLOW_EVERYONE).value()), true);
  }

  private static Set<String> superUsers(ConfigEntry entry) {
    if (entry == null || entry.value() == null || entry.value().isBlank()) {
      return Set.of();
    }
    return Arrays.stream(entry.value().split(";")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }

  /** This cluster's decisions if {@code added} bindings were created too (a copy about to happen). */
  public ClusterAuthorization with(Collection<AclBinding> added) {
    if (added.isEmpty()) {
      return this;
    }
    Set<AclBinding> all = new java.util.LinkedHashSet<>(bindings);
    all.addAll(added);
    return new ClusterAuthorization(enforced, List.copyOf(all), superUsers, allowEveryoneIfNoAcl, superUsersKnown);
  }
}
