package io.kmigrate.workflows.contract;

import java.util.List;

/** How a drain wait ended: drained, or early because a group stalled or stopped. */
public record DrainResult(boolean drained, List<GroupVerdict> verdicts, LagSnapshot last) {
  public DrainResult {
    verdicts = List.copyOf(verdicts);
  }

  public List<GroupVerdict> blocked() {
    return verdicts.stream()
        .filter(v -> v.status() == GroupStatus.STALLED || v.status() == GroupStatus.STOPPED)
        .toList();
  }
}
