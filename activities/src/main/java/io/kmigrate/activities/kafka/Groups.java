package io.kmigrate.activities.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/** Describes consumer groups in one call; a group Kafka does not know is empty, not an error. */
public final class Groups {
  private Groups() {}

  public static Map<String, Optional<ConsumerGroupDescription>> describe(Admin admin, Collection<String> groups) {
    Map<String, Optional<ConsumerGroupDescription>> out = new HashMap<>();
    if (groups.isEmpty()) {
      return out;
    }
    admin.describeConsumerGroups(groups).describedGroups().forEach((group, future) -> {
      try {
        out.put(group, Optional.of(KafkaCalls.get(future)));
      } catch (GroupIdNotFoundException e) {
        out.put(group, Optional.empty());
      }
    });
    return out;
  }

  /** Members right now; 0 for a group that does not exist. */
  public static int members(Optional<ConsumerGroupDescription> d) {
    return d.map(g -> g.members().size()).orElse(0);
  }
}
