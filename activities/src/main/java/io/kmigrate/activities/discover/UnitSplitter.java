package io.kmigrate.activities.discover;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Splits the topic–group graph into migration units, its connected components. A unit is named
 * after its first topic ({@code move-orders}), with a number when two would share a name; units
 * come largest first, then by name.
 */
public final class UnitSplitter {
  /** A plan's name is at most this long (the plan rules' name limit, less room for a suffix). */
  static final int NAME_MAX = 100;

  private UnitSplitter() {}

  public static List<MigrationUnit> split(Inventory inventory) {
    Map<String, String> parent = new HashMap<>();
    inventory.topics().forEach(t -> parent.put("t:" + t.name(), "t:" + t.name()));
    for (GroupFacts g : inventory.groups()) {
      parent.putIfAbsent("g:" + g.group(), "g:" + g.group());
      for (String topic : g.topics()) {
        if (parent.containsKey("t:" + topic)) {
          union(parent, "g:" + g.group(), "t:" + topic);
        }
      }
    }
    Map<String, Set<String>> topics = new TreeMap<>();
    Map<String, Set<String>> groups = new TreeMap<>();
    inventory.topics().forEach(t -> topics.computeIfAbsent(find(parent, "t:" + t.name()), k -> new TreeSet<>()).add(t.name()));
    for (GroupFacts g : inventory.groups()) {
      String root = find(parent, "g:" + g.group());
      if (topics.containsKey(root)) { // a group with no topic in scope moves with nothing here
        groups.computeIfAbsent(root, k -> new TreeSet<>()).add(g.group());
      }
    }
    List<Map.Entry<String, Set<String>>> components = new ArrayList<>(topics.entrySet());
    components.sort(Comparator.<Map.Entry<String, Set<String>>>comparingInt(e -> -(e.getValue().size() + groups.getOrDefault(e.getKey(), Set.of()).size()))
        .thenComparing(e -> e.getValue().iterator().next()));
    Set<String> names = new HashSet<>();
    List<MigrationUnit> units = new ArrayList<>();
    for (Map.Entry<String, Set<String>> c : components) {
      units.add(new MigrationUnit(uniqueName(c.getValue().iterator().next(), names), List.copyOf(c.getValue()),
          List.copyOf(groups.getOrDefault(c.getKey(), Set.of()))));
    }
    return units;
  }

  private static String uniqueName(String firstTopic, Set<String> taken) {
    String base = "move-" + firstTopic;
    base = base.length() > NAME_MAX ? base.substring(0, NAME_MAX) : base;
    String name = base;
    for (int n = 2; !taken.add(name); n++) {
      name = base + "-" + n;
    }
    return name;
  }

  private static String find(Map<String, String> parent, String node) {
    String root = node;
    while (!parent.get(root).equals(root)) {
      root = parent.get(root);
    }
    // Path compression keeps a chain of thousands of topics from making each find slow.
    for (String n = node; !n.equals(root); ) {
      String next = parent.get(n);
      parent.put(n, root);
      n = next;
    }
    return root;
  }

  private static void union(Map<String, String> parent, String a, String b) {
    String ra = find(parent, a);
    String rb = find(parent, b);
    if (!ra.equals(rb)) {
      parent.put(ra, rb);
    }
  }
}
