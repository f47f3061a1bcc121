package io.kmigrate.activities.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ClassicGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Describes consumer groups; a group Kafka does not know is empty, not an error.
 *
 * <p>{@link Admin#describeConsumerGroups} asks each group with the new protocol's request first;
 * a classic group (most consumers, and every group that only commits through the Admin API)
 * answers "not found" and is asked again the classic way only after the client's retry backoff,
 * 100 ms by default, on every call. So the groups are listed first (one request per broker, which
 * names each group's protocol) and the classic ones are described as such at once. Groups the
 * listing does not show as classic (new protocol, not yet created, a broker that did not answer)
 * go the general way.
 */
public final class Groups {
  private Groups() {}

  public static Map<String, Optional<ConsumerGroupDescription>> describe(Admin admin, Collection<String> groups) {
    Map<String, Optional<ConsumerGroupDescription>> out = new HashMap<>();
    if (groups.isEmpty()) {
      return out;
    }
    Set<String> classic = classic(admin, groups);
    List<String> general = groups.stream().filter(g -> !classic.contains(g)).toList();
    Map<String, KafkaFuture<ConsumerGroupDescription>> generalFutures = describeGenerally(admin, general);
    Map<String, KafkaFuture<ClassicGroupDescription>> classicFutures =
        classic.isEmpty() ? Map.of() : admin.describeClassicGroups(classic).describedGroups();
    List<String> changed = new ArrayList<>();
    classicFutures.forEach((group, future) -> {
      try {
        out.put(group, Optional.of(asConsumerGroup(KafkaCalls.get(future))));
      } catch (GroupIdNotFoundException e) {
        changed.add(group); // moved to the new protocol since the listing, or deleted
      }
    });
    collect(generalFutures, out);
    collect(describeGenerally(admin, changed), out);
    return out;
  }

  /** Members right now; 0 for a group that does not exist. */
  public static int members(Optional<ConsumerGroupDescription> d) {
    return d.map(g -> g.members().size()).orElse(0);
  }

  /** Those of {@code groups} the brokers that answered list as classic consumer groups. */
  private static Set<String> classic(Admin admin, Collection<String> groups) {
    Set<String> wanted = new HashSet<>(groups);
    Set<String> out = new HashSet<>();
    for (GroupListing g : KafkaCalls.get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).valid())) {
      if (wanted.contains(g.groupId()) && g.type().orElse(null) == GroupType.CLASSIC) {
        out.add(g.groupId());
      }
    }
    return out;
  }

  private static Map<String, KafkaFuture<ConsumerGroupDescription>> describeGenerally(Admin admin, Collection<String> groups) {
    return groups.isEmpty() ? Map.of() : admin.describeConsumerGroups(groups).describedGroups();
  }

  private static void collect(Map<String, KafkaFuture<ConsumerGroupDescription>> futures, Map<String, Optional<ConsumerGroupDescription>> out) {
    futures.forEach((group, future) -> {
      try {
        out.put(group, Optional.of(KafkaCalls.get(future)));
      } catch (GroupIdNotFoundException e) {
        out.put(group, Optional.empty());
      }
    });
  }

  /** As {@link Admin#describeConsumerGroups} describes a classic group (it asks the same request). */
  private static ConsumerGroupDescription asConsumerGroup(ClassicGroupDescription d) {
    return new ConsumerGroupDescription(d.groupId(), d.isSimpleConsumerGroup(), d.members(), d.protocolData(), GroupType.CLASSIC,
        GroupState.parse(d.state().toString()), d.coordinator(), d.authorizedOperations(), Optional.empty(), Optional.empty());
  }
}
