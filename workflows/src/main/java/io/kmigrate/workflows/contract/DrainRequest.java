package io.kmigrate.workflows.contract;

import java.util.List;

/**
 * Wait until every group consumed everything on {@code cluster}'s topics. Groups in
 * {@code acknowledgedStalls} were already shown to a person as stalled; they end the wait early
 * only if their status changes.
 */
public record DrainRequest(
    String cluster, List<String> topics, List<String> groups, WaitSettings waits, List<String> acknowledgedStalls) {
  public DrainRequest {
    topics = List.copyOf(topics);
    groups = List.copyOf(groups);
    acknowledgedStalls = List.copyOf(acknowledgedStalls);
  }
}
