package io.kmigrate.activities.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.ClientRole;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** How kmigrate judges a client's permission: as Kafka's own authorizer does, over the ACLs and settings read from a cluster. */
class PermissionsTest {
  static final ClientGroup API = new ClientGroup("api", ClientRole.PRODUCER, null, null).withPrincipal("User:orders-api", null, "tx-");

  static AclBinding binding(ResourceType type, String name, PatternType pattern, AclOperation op, AclPermissionType permission, String host) {
    return new AclBinding(new ResourcePattern(type, name, pattern), new AccessControlEntry("User:orders-api", host, op, permission));
  }

  static AclBinding allow(ResourceType type, String name, PatternType pattern, AclOperation op) {
    return binding(type, name, pattern, op, AclPermissionType.ALLOW, "*");
  }

  static boolean allowed(ClusterAuthorization cluster, AccessNeed need) {
    try (Permissions p = new Permissions(cluster)) {
      return need.allowedBy(p, null);
    }
  }

  static ClusterAuthorization cluster(AclBinding... bindings) {
    return new ClusterAuthorization(true, List.of(bindings), Set.of(), false, true);
  }

  static final AccessNeed WRITE_ORDERS = new AccessNeed(API, ResourceType.TOPIC, "orders", false, AclOperation.WRITE);
  static final AccessNeed DESCRIBE_ORDERS = new AccessNeed(API, ResourceType.TOPIC, "orders", false, AclOperation.DESCRIBE);
  static final AccessNeed WRITE_EVERY_TX = new AccessNeed(API, ResourceType.TRANSACTIONAL_ID, "tx-", true, AclOperation.WRITE);

  @Test
  void aLiteralPrefixedOrWildcardAllowGrantsAndWriteImpliesDescribe() {
    assertThat(allowed(cluster(), WRITE_ORDERS)).as("no ACL, no allow.everyone").isFalse();
    assertThat(allowed(cluster(allow(ResourceType.TOPIC, "orders", PatternType.LITERAL, AclOperation.WRITE)), WRITE_ORDERS)).isTrue();
    assertThat(allowed(cluster(allow(ResourceType.TOPIC, "ord", PatternType.PREFIXED, AclOperation.WRITE)), WRITE_ORDERS)).isTrue();
    assertThat(allowed(cluster(allow(ResourceType.TOPIC, "*", PatternType.LITERAL, AclOperation.WRITE)), WRITE_ORDERS)).isTrue();
    assertThat(allowed(cluster(allow(ResourceType.TOPIC, "orders", PatternType.LITERAL, AclOperation.WRITE)), DESCRIBE_ORDERS)).isTrue();
    assertThat(allowed(cluster(allow(ResourceType.TOPIC, "orders", PatternType.LITERAL, AclOperation.READ)), WRITE_ORDERS)).isFalse();
  }

  @Test
  void aDenyAnywhereOverridesEveryAllow() {
    assertThat(allowed(cluster(
        allow(ResourceType.TOPIC, "orders", PatternType.LITERAL, AclOperation.WRITE),
        binding(ResourceType.TOPIC, "or", PatternType.PREFIXED, AclOperation.ALL, AclPermissionType.DENY, "*")), WRITE_ORDERS)).isFalse();
  }

  @Test
  void superUsersAndAllowEveryoneDecideAsTheBrokerIsConfigured() {
    assertThat(allowed(new ClusterAuthorization(true, List.of(), Set.of("User:orders-api"), false, true), WRITE_ORDERS)).isTrue();
    assertThat(allowed(new ClusterAuthorization(true, List.of(), Set.of(), true, true), WRITE_ORDERS)).as("no ACL on the resource").isTrue();
    assertThat(allowed(new ClusterAuthorization(true, List.of(allow(ResourceType.TOPIC, "orders", PatternType.LITERAL, AclOperation.READ)),
        Set.of(), true, true), WRITE_ORDERS)).as("an ACL on the resource closes it to what it does not allow").isFalse();
  }

  @Test
  void aPrefixOfTransactionalIdsIsCoveredOnlyByAGrantOnEveryIdWithIt() {
    assertThat(allowed(cluster(allow(ResourceType.TRANSACTIONAL_ID, "tx-1", PatternType.LITERAL, AclOperation.WRITE)), WRITE_EVERY_TX))
        .as("one instance's id").isFalse();
    assertThat(allowed(cluster(allow(ResourceType.TRANSACTIONAL_ID, "tx-", PatternType.LITERAL, AclOperation.WRITE)), WRITE_EVERY_TX))
        .as("the bare prefix as a literal id").isFalse();
    assertThat(allowed(cluster(allow(ResourceType.TRANSACTIONAL_ID, "tx-a", PatternType.PREFIXED, AclOperation.WRITE)), WRITE_EVERY_TX))
        .as("a longer prefix: some ids only").isFalse();
    assertThat(allowed(cluster(allow(ResourceType.TRANSACTIONAL_ID, "tx-", PatternType.PREFIXED, AclOperation.WRITE)), WRITE_EVERY_TX)).isTrue();
    assertThat(allowed(cluster(allow(ResourceType.TRANSACTIONAL_ID, "t", PatternType.PREFIXED, AclOperation.WRITE)), WRITE_EVERY_TX)).isTrue();
  }

  @Test
  void aGrantForOneHostCountsOnlyFromThatHostAndAHostNameNeverMatches() {
    ClusterAuthorization oneHost = cluster(binding(ResourceType.TOPIC, "orders", PatternType.LITERAL, AclOperation.WRITE, AclPermissionType.ALLOW, "10.0.0.7"));
    try (Permissions p = new Permissions(oneHost)) {
      assertThat(WRITE_ORDERS.allowedBy(p, null)).as("from a host kmigrate cannot know").isFalse();
      assertThat(WRITE_ORDERS.allowedBy(p, Permissions.address("10.0.0.7"))).isTrue();
      assertThat(WRITE_ORDERS.allowedBy(p, Permissions.address("10.0.0.8"))).isFalse();
    }
    assertThat(Permissions.ipAddress("broker.example.com")).as("no DNS lookup for a name").isEmpty();
    assertThat(Permissions.ipAddress("::1")).isPresent();
  }
}
