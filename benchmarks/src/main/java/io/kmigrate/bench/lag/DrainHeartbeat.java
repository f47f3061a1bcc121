package io.kmigrate.bench.lag;

import io.kmigrate.activities.lag.DrainState;
import io.kmigrate.activities.lag.GroupJudge;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;

/**
 * What a drain wait's poll sends after the snapshot: the state it heartbeats (each partition's
 * commit motion and the snapshot itself), sized as Temporal's default data converter writes it.
 */
final class DrainHeartbeat {
  /** Temporal's default limit on one payload (the server's limit.blobSize.error). */
  static final long TEMPORAL_BLOB_LIMIT = 2L * 1024 * 1024;
  private static final long STALL_AFTER_MS = 120_000;

  private DrainHeartbeat() {}

  static long bytes(LagSnapshot snapshot) {
    GroupJudge judge = new GroupJudge(STALL_AFTER_MS, List.of());
    judge.judge(snapshot);
    DrainState state = new DrainState(judge.memory(), -1, -1, snapshot);
    return DefaultDataConverter.newDefaultInstance().toPayloads(state).orElseThrow().getSerializedSize();
  }
}
