package io.kmigrate.activities.security;

import io.kmigrate.config.ClientGroup;
import io.kmigrate.config.MigrationPlan;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka resources a plan moves, as ACLs name them: its topics, its consumer groups, and its
 * producers' transactional ids (exact ones, and the prefixes their instances share).
 */
public record PlanResources(Set<String> topics, Set<String> groups, Set<String> transactionalIds, Set<String> transactionalIdPrefixes) {
  public PlanResources {
    topics = Set.copyOf(topics);
    groups = Set.copyOf(groups);
    transactionalIds = Set.copyOf(transactionalIds);
    transactionalIdPrefixes = Set.copyOf(transactionalIdPrefixes);
  }

  public static PlanResources of(MigrationPlan plan, List<String> topics) {
    Set<String> ids = new TreeSet<>();
    Set<String> prefixes = new TreeSet<>();
    for (ClientGroup c : plan.clients()) {
      if (c.transactionalId() != null) {
        ids.add(c.transactionalId());
      }
      if (c.transactionalIdPrefix() != null) {
        prefixes.add(c.transactionalIdPrefix());
      }
    }
    return new PlanResources(Set.copyOf(topics), Set.copyOf(plan.consumerGroups()), ids, prefixes);
  }

  /** Whether the plan has resources of this type at all. */
  boolean touches(ResourceType type) {
    return switch (type) {
      case TOPIC -> !topics.isEmpty();
      case GROUP -> !groups.isEmpty();
      case TRANSACTIONAL_ID -> !transactionalIds.isEmpty() || !transactionalIdPrefixes.isEmpty();
      default -> false;
    };
  }

  /** Whether a literal binding on {@code name} is bound to one of these resources. */
  boolean literal(ResourceType type, String name) {
    return switch (type) {
      case TOPIC -> topics.contains(name);
      case GROUP -> groups.contains(name);
      // An id under a plan's prefix is one of its instances' ids, granted one by one.
      case TRANSACTIONAL_ID -> transactionalIds.contains(name) || transactionalIdPrefixes.stream().anyMatch(name::startsWith);
      default -> false;
    };
  }

  /** Whether a prefixed binding on {@code prefix} matches one of these resources (for an id prefix: every id it stands for). */
  boolean matchesPrefix(ResourceType type, String prefix) {
    return switch (type) {
      case TOPIC -> topics.stream().anyMatch(t -> t.startsWith(prefix));
      case GROUP -> groups.stream().anyMatch(g -> g.startsWith(prefix));
      // A binding on a shorter prefix covers the plan's ids; one on a longer prefix covers some of them.
      case TRANSACTIONAL_ID -> transactionalIds.stream().anyMatch(t -> t.startsWith(prefix))
          || transactionalIdPrefixes.stream().anyMatch(t -> t.startsWith(prefix) || prefix.startsWith(t));
      default -> false;
    };
  }
}
