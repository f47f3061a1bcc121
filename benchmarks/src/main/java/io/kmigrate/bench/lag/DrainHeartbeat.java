package io.kmigrate.bench.lag;

import io.kmigrate.activities.lag.DrainState;
import io.kmigrate.activities.lag.GroupJudge;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;

/**
 * What a drain wait's poll heartbeats after the snapshot: its state's heartbeat details (the
 * bounded snapshot, and each partition's commit motion while there are at most
 * {@link DrainState#HEARTBEAT_MOTION} of them), sized as Temporal's default data converter writes it.
 */
final class DrainHeartbeat {
  /** Temporal's default limit on one payload (the server's limit.blobSize.error). */
  static final long TEMPORAL_BLOB_LIMIT = 2L * 1024 * 1024;
  private static final long STALL_AFTER_MS = 120_000;

  private DrainHeartbeat() {}

  static DrainState details(LagSnapshot snapshot) {
    GroupJudge judge = new GroupJudge(STALL_AFTER_MS, List.of());
    judge.judge(snapshot);
    return new DrainState(judge.memory(), -1, -1, snapshot).heartbeatDetails();
  }

  static long bytes(DrainState details) {
    return DefaultDataConverter.newDefaultInstance().toPayloads(details).orElseThrow().getSerializedSize();
  }
}
