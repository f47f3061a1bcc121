package io.kmigrate.workflows.contract;

import java.util.List;

/**
 * Wait until each group has members on {@code cluster}; with {@code requireCommits}, also until
 * its commits advance there (or it has no lag), held for stableFor.
 */
public record ConsumersJoinedRequest(String cluster, List<String> topics, List<String> groups, WaitSettings waits, boolean requireCommits) {
  public ConsumersJoinedRequest {
    topics = List.copyOf(topics);
    groups = List.copyOf(groups);
  }
}
