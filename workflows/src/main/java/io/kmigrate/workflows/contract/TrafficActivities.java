package io.kmigrate.workflows.contract;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * The long waits. Each polls inside itself and heartbeats its state (a poll adds no history
 * event), resumes from the last heartbeat after a retry, and returns once its condition held
 * for stableFor or it has something a person must see.
 */
@ActivityInterface
public interface TrafficActivities {
  DrainResult awaitDrained(DrainRequest request);

  ProducersMovedResult awaitProducersMoved(ProducersMovedRequest request);

  ConsumersMovedResult awaitConsumersMoved(ConsumersMovedRequest request);

  /** Scheme production-later: the new consumers joined the target group (and consume there). */
  ConsumersJoinedResult awaitConsumersJoined(ConsumersJoinedRequest request);

  /** One snapshot, for progress and reports, {@link LagSnapshot#sent bounded}: totals exact, the worst partitions listed. */
  LagSnapshot lagSnapshot(String cluster, List<String> topics, List<String> groups);
}
