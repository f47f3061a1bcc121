package io.kmigrate.workflows.contract;

import java.util.List;

/** The groups as seen on the cluster when the condition held; the snapshot {@link LagSnapshot#sent bounded}. */
public record ConsumersJoinedResult(List<GroupMembership> groups, LagSnapshot lag) {
  public ConsumersJoinedResult {
    groups = List.copyOf(groups);
    lag = LagSnapshot.sent(lag);
  }
}
