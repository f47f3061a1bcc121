package io.kmigrate.activities.security;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Which of the source's bindings a migration carries over: those on the plan's resources, never a wildcard. */
class AclSelectionTest {
  static final PlanResources PLAN = new PlanResources(Set.of("orders"), Set.of("billing"), Set.of(), Set.of("orders-tx-"));

  static AclBinding allow(ResourceType type, String name, PatternType pattern) {
    return new AclBinding(new ResourcePattern(type, name, pattern), new AccessControlEntry("User:a", "*", AclOperation.ALL, AclPermissionType.ALLOW));
  }

  @Test
  void bindingsOnThePlansResourcesAreCopiedOthersAndWildcardsAreNot() {
    AclBinding topic = allow(ResourceType.TOPIC, "orders", PatternType.LITERAL);
    AclBinding topicPrefix = allow(ResourceType.TOPIC, "ord", PatternType.PREFIXED);
    AclBinding group = allow(ResourceType.GROUP, "billing", PatternType.LITERAL);
    AclBinding instanceId = allow(ResourceType.TRANSACTIONAL_ID, "orders-tx-3", PatternType.LITERAL);
    AclBinding narrowerPrefix = allow(ResourceType.TRANSACTIONAL_ID, "orders-tx-eu-", PatternType.PREFIXED);
    AclBinding widerPrefix = allow(ResourceType.TRANSACTIONAL_ID, "orders", PatternType.PREFIXED);
    AclBinding otherTopic = allow(ResourceType.TOPIC, "payments", PatternType.LITERAL);
    AclBinding otherPrefix = allow(ResourceType.TOPIC, "pay", PatternType.PREFIXED);
    AclBinding otherId = allow(ResourceType.TRANSACTIONAL_ID, "payments-tx-1", PatternType.LITERAL);
    AclBinding everyTopic = allow(ResourceType.TOPIC, "*", PatternType.LITERAL);
    AclBinding cluster = allow(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL);

    AclSelection s = AclSelection.from(List.of(topic, topicPrefix, group, instanceId, narrowerPrefix, widerPrefix, otherTopic, otherPrefix, otherId,
        everyTopic, cluster), PLAN);

    assertThat(s.toCopy()).containsExactly(topic, topicPrefix, group, instanceId, narrowerPrefix, widerPrefix);
    assertThat(s.wildcards()).containsExactly(everyTopic);
  }
}
