package io.kmigrate.demo;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What a secured source grants the sample app, as a platform team would have set it up: the
 * producer writes every topic of its prefix and its transactional ids, the consumer reads its
 * topic in its group, and the producer is held to a byte-rate quota. The migration must carry
 * all of it to the target before the app moves there.
 */
final class DemoGrants {
  /** The producer's quota on the source: far above the demo's rate, so it shows up only in the copy. */
  static final double PRODUCER_BYTE_RATE = 10_485_760;

  private DemoGrants() {}

  static void onSource(Admin source, String topic, String group, String producer, String transactionalIdPrefix, String consumer) throws Exception {
    String topicPrefix = topic.substring(0, topic.indexOf('.') + 1);
    source.createAcls(List.of(
        allow(producer, ResourceType.TOPIC, topicPrefix, PatternType.PREFIXED, AclOperation.WRITE),
        allow(producer, ResourceType.TRANSACTIONAL_ID, transactionalIdPrefix, PatternType.PREFIXED, AclOperation.WRITE),
        allow(consumer, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ),
        allow(consumer, ResourceType.GROUP, group, PatternType.LITERAL, AclOperation.READ))).all().get();
    ClientQuotaEntity user = new ClientQuotaEntity(Map.of(ClientQuotaEntity.USER, producer.substring("User:".length())));
    source.alterClientQuotas(List.of(new ClientQuotaAlteration(user, List.of(new ClientQuotaAlteration.Op("producer_byte_rate", PRODUCER_BYTE_RATE)))))
        .all().get();
  }

  private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern, AclOperation operation) {
    return new AclBinding(new ResourcePattern(type, name, pattern), new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
  }
}
