package io.kmigrate.api.discover;

import io.kmigrate.activities.discover.GroupFacts;
import io.kmigrate.activities.discover.MigrationUnit;
import io.kmigrate.activities.discover.TopicFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A unit's plan as discovery writes it: valid as it stands (manual repoints, production-first),
 * with comments saying what was found and where a person must choose: the scheme, how each client
 * follows the move, and who its producers are (Kafka does not say).
 */
final class PlanDraft {
  /** Members named per group in a comment; the rest are counted. */
  private static final int MEMBERS_LISTED = 5;

  private PlanDraft() {}

  static String yaml(MigrationUnit unit, int index, int of, String source, String target, Map<String, TopicFacts> topics,
      Map<String, GroupFacts> groups, String readAt) {
    List<String> out = new ArrayList<>();
    out.add("# Unit " + index + " of " + of + " found on cluster '" + Yaml.oneLine(source) + "' at " + readAt + " by ./kmigrate discover.");
    out.add("# Its topics and groups move together: each group here reads a topic here, and no group elsewhere does.");
    out.add("# Check it with: ./kmigrate plan validate THIS_FILE -c YOUR_CONFIG");
    out.add("name: " + unit.name());
    out.add("# Choose how it moves (docs/schemes.md): production-first, production-later or mirror-then-switch.");
    out.add("scheme: production-first");
    out.add("source: " + Yaml.quote(source));
    out.add("target: " + Yaml.quote(target));
    out.add("topics:");
    for (String t : unit.topics()) {
      out.add("  - " + Yaml.quote(t) + "   # " + describe(topics.get(t)));
    }
    if (!unit.groups().isEmpty()) {
      out.add("consumerGroups:");
      unit.groups().forEach(g -> out.add("  - " + Yaml.quote(g)));
    }
    out.add("# How each client follows the move: manual (a gate tells a person what to restart) until you choose");
    out.add("# routing or webhook (docs/repointing.md). Kafka does not record a producer's client id: name yours.");
    out.add("clients:");
    out.add("  - {name: " + unit.name() + "-producers, role: producer, strategy: manual}");
    int n = 1;
    for (String g : unit.groups()) {
      GroupFacts facts = groups.get(g);
      out.add("  - {name: " + unit.name() + "-consumers-" + n++ + ", role: consumer, consumerGroup: " + Yaml.quote(g) + ", strategy: manual}");
      out.add("    # " + members(facts));
    }
    return String.join("\n", out) + "\n";
  }

  /** "6 partition(s), RF 3, 12,000 record(s), last write 2026-12-06T15:00:00Z, 2 producer id(s), transactional: tx-a". */
  static String describe(TopicFacts t) {
    String write = t.lastWriteMillis() < 0 ? "no records" : "last write " + Instant.ofEpochMilli(t.lastWriteMillis());
    return String.format("%d partition(s), RF %d, %,d record(s), %s%s, %d producer id(s)%s", t.partitions(), t.replicationFactor(), t.records(),
        write, t.idle() ? " (idle)" : "", t.activeProducerIds(),
        t.transactionalIds().isEmpty() ? "" : ", transactional: " + Yaml.oneLine(String.join(" ", t.transactionalIds())));
  }

  static String members(GroupFacts g) {
    String who = g.members().stream().limit(MEMBERS_LISTED).map(m -> Yaml.oneLine(m.clientId()) + "@" + Yaml.oneLine(m.host()))
        .collect(Collectors.joining(", "));
    int more = g.members().size() - MEMBERS_LISTED;
    return String.format("%s group, %s, lag %,d, %d member(s)%s%s", g.protocol(), g.state(), g.lag(), g.members().size(),
        who.isEmpty() ? "" : ": " + who, more > 0 ? " and " + more + " more" : "");
  }
}
