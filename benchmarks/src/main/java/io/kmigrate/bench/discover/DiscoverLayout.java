package io.kmigrate.bench.discover;

import java.util.ArrayList;
import java.util.List;

/**
 * The cluster {@code bench discover} reads: {@code topics} one-partition topics and {@code groups}
 * groups. The first half of the groups chain topics (group g reads topics g and g+1), one unit of
 * them all; each group of the second half reads a topic of its own; the remaining topics have no
 * reader, a unit each. So the units are known before discovery runs.
 */
record DiscoverLayout(int topics, int groups) {
  DiscoverLayout {
    if (groups / 2 + 1 + (groups - groups / 2) > topics) {
      throw new IllegalArgumentException("--topics must be at least " + (groups / 2 + 1 + (groups - groups / 2)) + " for " + groups + " groups");
    }
  }

  String topic(int t) {
    return String.format("bench.discover.t%05d", t);
  }

  String group(int g) {
    return String.format("bench.discover.g%05d", g);
  }

  /** The topics group {@code g} commits on. */
  List<String> read(int g) {
    int chained = groups / 2;
    if (g < chained) {
      return List.of(topic(g), topic(g + 1));
    }
    return List.of(topic(chained + 1 + (g - chained)));
  }

  List<String> topicNames() {
    List<String> out = new ArrayList<>();
    for (int t = 0; t < topics; t++) {
      out.add(topic(t));
    }
    return out;
  }

  /** One chain unit (when there is a chain), one per single-topic group, one per topic nobody reads. */
  int expectedUnits() {
    int chained = groups / 2;
    int chainTopics = chained == 0 ? 0 : chained + 1;
    int singles = groups - chained;
    return (chained == 0 ? 0 : 1) + singles + (topics - chainTopics - singles);
  }

  String describe() {
    return String.format("%,d one-partition topics, %,d groups (%,d chaining topics into one unit, %,d on a topic each): %,d units expected",
        topics, groups, groups / 2, groups - groups / 2, expectedUnits());
  }
}
