package io.kmigrate.api.discover;

import io.kmigrate.activities.discover.GroupFacts;
import io.kmigrate.activities.discover.Inventory;
import io.kmigrate.activities.discover.MigrationUnit;
import io.kmigrate.activities.discover.TopicFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a person reads first after {@code discover}: the units at a glance, then what was left out and why. */
final class DiscoverySummary {
  /** Internal topics named in the summary; the rest are counted. */
  private static final int INTERNAL_LISTED = 20;

  private DiscoverySummary() {}

  static String markdown(Inventory inventory, List<MigrationUnit> units, Map<String, TopicFacts> topics, Map<String, GroupFacts> groups) {
    List<String> out = new ArrayList<>();
    out.add("# Cluster '" + Yaml.oneLine(inventory.cluster()) + "': " + units.size() + " migration unit(s)");
    out.add("");
    out.add("Read at " + inventory.readAt() + " through Admin only. " + inventory.topics().size() + " topic(s) and "
        + inventory.groups().size() + " consumer group(s) in scope; each unit's topics and groups must move together "
        + "(a topic read by two groups joins them, a group reading two topics joins those). The graph is in `graph.mmd` (Mermaid).");
    out.add("");
    out.add("| unit | plan | topics | partitions | groups | lag | producer ids | idle topics |");
    out.add("|---|---|---|---|---|---|---|---|");
    for (MigrationUnit u : units) {
      int partitions = u.topics().stream().mapToInt(t -> topics.get(t).partitions()).sum();
      long lag = u.groups().stream().mapToLong(g -> groups.get(g).lag()).sum();
      int producers = u.topics().stream().mapToInt(t -> topics.get(t).activeProducerIds()).sum();
      long idle = u.topics().stream().filter(t -> topics.get(t).idle()).count();
      out.add(String.format("| %s | [%s.yaml](%s.yaml) | %s | %d | %s | %,d | %d | %d |", u.name(), u.name(), u.name(),
          cell(u.topics()), partitions, cell(u.groups()), lag, producers, idle));
    }
    out.add("");
    out.add("Left out: " + inventory.internalTopics().size() + " internal topic(s)"
        + (inventory.internalTopics().isEmpty() ? "" : " (" + cell(inventory.internalTopics().stream().limit(INTERNAL_LISTED).toList())
        + (inventory.internalTopics().size() > INTERNAL_LISTED ? ", ..." : "") + ")")
        + ", " + inventory.unmatchedTopics() + " topic(s) the --topics pattern did not match.");
    for (String note : inventory.notes()) {
      out.add("");
      out.add("Note: " + Yaml.oneLine(note));
    }
    return String.join("\n", out) + "\n";
  }

  /** The units as a Mermaid flowchart: one box per unit, topics as cylinders, groups as rounded boxes, an edge per read. */
  static String mermaid(List<MigrationUnit> units, Map<String, GroupFacts> groups) {
    List<String> out = new ArrayList<>();
    out.add("flowchart LR");
    int u = 0;
    for (MigrationUnit unit : units) {
      out.add("  subgraph u" + u + "[\"" + label(unit.name()) + "\"]");
      for (int t = 0; t < unit.topics().size(); t++) {
        out.add("    u" + u + "t" + t + "[(\"" + label(unit.topics().get(t)) + "\")]");
      }
      for (int g = 0; g < unit.groups().size(); g++) {
        out.add("    u" + u + "g" + g + "([\"" + label(unit.groups().get(g)) + "\"])");
      }
      out.add("  end");
      for (int g = 0; g < unit.groups().size(); g++) {
        for (String topic : groups.get(unit.groups().get(g)).topics()) {
          int t = unit.topics().indexOf(topic);
          if (t >= 0) {
            out.add("  u" + u + "t" + t + " --> u" + u + "g" + g);
          }
        }
      }
      u++;
    }
    return String.join("\n", out) + "\n";
  }

  private static String cell(List<String> names) {
    return Yaml.oneLine(String.join(", ", names)).replace("|", "\\|");
  }

  /** A Mermaid label: names go in quotes, and a quote in a group id becomes Mermaid's entity for it. */
  private static String label(String name) {
    return Yaml.oneLine(name).replace("\"", "#quot;");
  }
}
