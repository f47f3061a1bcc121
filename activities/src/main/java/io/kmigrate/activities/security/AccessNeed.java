package io.kmigrate.activities.security;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.ClientRole;
import io.kmigrate.config.MigrationPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.utils.SecurityUtils;

/**
 * One thing a client must be allowed to do for its work to go on after it moves: a producer
 * WRITEs and DESCRIBEs each topic (and its transactional id); a consumer READs and DESCRIBEs each
 * topic and READs its group. Idempotent producers need no IDEMPOTENT_WRITE on Kafka 2.8 and later
 * (KIP-679: WRITE on a topic suffices), so none is asked for. For an id prefix, the need is on
 * every id with that prefix.
 */
public record AccessNeed(ClientGroup client, ResourceType type, String name, boolean prefix, AclOperation operation) {
  /**
   * Probed in place of a prefix: no real id holds U+0000, so only bindings that cover every id
   * with the prefix (a shorter or equal prefix, or the wildcard) match it.
   */
  static final String BEYOND_PREFIX = "\u0000";

  public static List<AccessNeed> of(MigrationPlan plan, List<String> topics) {
    List<AccessNeed> needs = new ArrayList<>();
    for (ClientGroup c : plan.clients()) {
      if (c == null || !c.hasPrincipal()) {
        continue;
      }
      boolean producer = c.role() == ClientRole.PRODUCER;
      for (String topic : topics) {
        needs.add(new AccessNeed(c, ResourceType.TOPIC, topic, false, producer ? AclOperation.WRITE : AclOperation.READ));
        needs.add(new AccessNeed(c, ResourceType.TOPIC, topic, false, AclOperation.DESCRIBE));
      }
      if (!producer) {
        needs.add(new AccessNeed(c, ResourceType.GROUP, c.consumerGroup(), false, AclOperation.READ));
      }
      if (c.transactionalId() != null) {
        needs.add(new AccessNeed(c, ResourceType.TRANSACTIONAL_ID, c.transactionalId(), false, AclOperation.WRITE));
        needs.add(new AccessNeed(c, ResourceType.TRANSACTIONAL_ID, c.transactionalId(), false, AclOperation.DESCRIBE));
      }
      if (c.transactionalIdPrefix() != null) {
        needs.add(new AccessNeed(c, ResourceType.TRANSACTIONAL_ID, c.transactionalIdPrefix(), true, AclOperation.WRITE));
        needs.add(new AccessNeed(c, ResourceType.TRANSACTIONAL_ID, c.transactionalIdPrefix(), true, AclOperation.DESCRIBE));
      }
    }
    return needs;
  }

  public KafkaPrincipal principal() {
    return SecurityUtils.parseKafkaPrincipal(client.principal());
  }

  /** Whether the cluster {@code permissions} describe allows it, for a client connecting from {@code host} (null: unknown). */
  public boolean allowedBy(Permissions permissions, java.net.InetAddress host) {
    return permissions.allows(principal(), host, operation, type, prefix ? name + BEYOND_PREFIX : name);
  }

  /** "WRITE on topic 'orders'", "WRITE on every transactional id starting 'orders-tx-'". */
  public String what() {
    String kind = type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return operation + (prefix ? " on every " + kind + " starting '" + name + "'" : " on " + kind + " '" + name + "'");
  }

  /** The kafka-acls command that grants it on {@code bootstrap}. */
  public String grantCommand(String bootstrap) {
    String option = switch (type) {
      case TOPIC -> "--topic";
      case GROUP -> "--group";
      case TRANSACTIONAL_ID -> "--transactional-id";
      default -> "--" + type.name().toLowerCase(Locale.ROOT);
    };
    String operationName = operation.name().charAt(0) + operation.name().substring(1).toLowerCase(Locale.ROOT);
    return "kafka-acls --bootstrap-server " + bootstrap + " --add --allow-principal " + client.principal()
        + " --operation " + operationName + " " + option + " " + name + (prefix ? " --resource-pattern-type prefixed" : "");
  }
}
