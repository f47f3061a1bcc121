package io.kmigrate.workflows.contract;

import java.util.List;

/** Verify each group left {@code source} (no members) and works on {@code target} (members, commits). */
public record ConsumersMovedRequest(String source, String target, List<String> topics, List<String> groups, WaitSettings waits) {
  public ConsumersMovedRequest {
    topics = List.copyOf(topics);
    groups = List.copyOf(groups);
  }
}
