package io.kmigrate.activities.discover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Migration units are the topic–group graph's connected components. */
class UnitSplitterTest {
  static TopicFacts topic(String name) {
    return new TopicFacts(name, 1, (short) 1, Map.of(), 0, -1, true, 0, List.of());
  }

  static GroupFacts group(String name, String... topics) {
    return new GroupFacts(name, "classic", "EMPTY", List.of(topics), List.of(), 0);
  }

  static Inventory inventory(List<TopicFacts> topics, List<GroupFacts> groups) {
    return new Inventory("source", "now", topics, groups, List.of(), 0, List.of());
  }

  @Test
  void aTopicReadByTwoGroupsJoinsThemAndAGroupReadingTwoTopicsJoinsThose() {
    List<MigrationUnit> units = UnitSplitter.split(inventory(
        List.of(topic("orders"), topic("payments"), topic("audit"), topic("lonely")),
        List.of(group("billing", "orders"), group("shipping", "orders", "payments"), group("auditor", "audit"), group("elsewhere", "not-in-scope"))));

    assertThat(units).containsExactly(
        new MigrationUnit("move-orders", List.of("orders", "payments"), List.of("billing", "shipping")),
        new MigrationUnit("move-audit", List.of("audit"), List.of("auditor")),
        new MigrationUnit("move-lonely", List.of("lonely"), List.of()));
  }

  @Test
  void aChainOfTenThousandTopicsIsOneUnitFoundQuickly() {
    List<TopicFacts> topics = new ArrayList<>();
    List<GroupFacts> groups = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      topics.add(topic(String.format("t%05d", i)));
      if (i > 0) {
        groups.add(group("g" + i, String.format("t%05d", i - 1), String.format("t%05d", i)));
      }
    }
    List<MigrationUnit> units = UnitSplitter.split(inventory(topics, groups));

    assertThat(units).singleElement().satisfies(u -> {
      assertThat(u.topics()).hasSize(10_000);
      assertThat(u.groups()).hasSize(9_999);
      assertThat(u.name()).isEqualTo("move-t00000");
    });
  }
}
