package io.kmigrate.workflows.contract;

import java.util.List;

/** Per group: members left on the source, members and committed offsets seen on the target; the snapshot {@link LagSnapshot#sent bounded}. */
public record ConsumersMovedResult(boolean moved, List<GroupMembership> sourceGroups, List<GroupMembership> targetGroups, LagSnapshot targetLag) {
  public ConsumersMovedResult {
    sourceGroups = List.copyOf(sourceGroups);
    targetGroups = List.copyOf(targetGroups);
    targetLag = LagSnapshot.sent(targetLag);
  }
}
