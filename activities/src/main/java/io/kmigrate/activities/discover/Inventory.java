package io.kmigrate.activities.discover;

import java.util.List;

/**
 * What {@code kmigrate discover} read from one cluster, through Admin only: the topics in scope,
 * the consumer groups on them, the topics left out (internal ones, and those the pattern did not
 * match, counted), and notes on what Kafka could not tell.
 */
public record Inventory(String cluster, String readAt, List<TopicFacts> topics, List<GroupFacts> groups, List<String> internalTopics,
    int unmatchedTopics, List<String> notes) {
  public Inventory {
    topics = List.copyOf(topics);
    groups = List.copyOf(groups);
    internalTopics = List.copyOf(internalTopics);
    notes = List.copyOf(notes);
  }
}
