package io.kmigrate.activities.discover;

import java.util.List;

/**
 * Topics and consumer groups that must move together: a topic read by two groups joins them, a
 * group reading two topics joins those. Each unit becomes one plan.
 */
public record MigrationUnit(String name, List<String> topics, List<String> groups) {
  public MigrationUnit {
    topics = List.copyOf(topics);
    groups = List.copyOf(groups);
  }
}
