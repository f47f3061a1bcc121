package io.kmigrate.activities.lag;

import io.kmigrate.workflows.contract.LagSnapshot;
import java.util.List;

/** What a drain wait remembers between polls and across retries. */
public record DrainState(List<PartitionMotion> motion, long endOffsetSum, long stableSinceMillis, LagSnapshot last) {
  public static DrainState fresh() {
    return new DrainState(List.of(), -1, -1, null);
  }
}
