package io.kmigrate.workflows.contract;

import java.util.List;

/**
 * How a drain wait ended: drained, or early because a group stalled, stopped or waits behind an
 * open transaction. The verdicts were judged on every partition; {@code last} is
 * {@link LagSnapshot#sent bounded}.
 */
public record DrainResult(boolean drained, List<GroupVerdict> verdicts, LagSnapshot last) {
  public DrainResult {
    verdicts = List.copyOf(verdicts);
    last = LagSnapshot.sent(last);
  }

  public List<GroupVerdict> blocked() {
    return verdicts.stream()
        .filter(v -> v.status() == GroupStatus.STALLED || v.status() == GroupStatus.STOPPED || v.status() == GroupStatus.TRANSACTION_OPEN)
        .toList();
  }
}
