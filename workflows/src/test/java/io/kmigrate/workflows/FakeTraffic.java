package io.kmigrate.workflows;

import io.kmigrate.workflows.contract.ConsumersJoinedRequest;
import io.kmigrate.workflows.contract.ConsumersJoinedResult;
import io.kmigrate.workflows.contract.ConsumersMovedRequest;
import io.kmigrate.workflows.contract.ConsumersMovedResult;
import io.kmigrate.workflows.contract.DrainRequest;
import io.kmigrate.workflows.contract.DrainResult;
import io.kmigrate.workflows.contract.GroupMembership;
import io.kmigrate.workflows.contract.GroupStatus;
import io.kmigrate.workflows.contract.GroupVerdict;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.PartitionLag;
import io.kmigrate.workflows.contract.ProducersMovedRequest;
import io.kmigrate.workflows.contract.ProducersMovedResult;
import io.kmigrate.workflows.contract.TrafficActivities;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The long waits. Producers and consumers have always moved; the drain answers with whatever
 * {@link #onDrain} says (drained at once by default). Every drain request is kept.
 */
final class FakeTraffic implements TrafficActivities {
  private final CallLog log;
  private final List<DrainRequest> drainRequests = new CopyOnWriteArrayList<>();
  private volatile Function<DrainRequest, DrainResult> drain = request -> drained();
  private volatile Function<ConsumersMovedRequest, ConsumersMovedResult> consumersMoved = request -> consumersMoved();
  private volatile long lagLeft;

  FakeTraffic(CallLog log) {
    this.log = log;
  }

  void onDrain(Function<DrainRequest, DrainResult> drain) {
    this.drain = drain;
  }

  void onConsumersMoved(Function<ConsumersMovedRequest, ConsumersMovedResult> consumersMoved) {
    this.consumersMoved = consumersMoved;
  }

  /** What {@code lagSnapshot} reports as unconsumed (e.g. records stranded on the target). */
  void lagLeft(long lag) {
    this.lagLeft = lag;
  }

  static ConsumersMovedResult consumersMoved() {
    return new ConsumersMovedResult(
        true, List.of(new GroupMembership(TestPlans.GROUP, "Empty", 0)), List.of(new GroupMembership(TestPlans.GROUP, "Stable", 1)), snapshot(0));
  }

  List<DrainRequest> drainRequests() {
    return List.copyOf(drainRequests);
  }

  static LagSnapshot snapshot(long lag) {
    return new LagSnapshot(
        "2024-01-01T00:00:00Z",
        0,
        List.of(new PartitionLag(TestPlans.GROUP, "orders", 0, 100 - lag, 0, 100, lag)),
        List.of(new GroupMembership(TestPlans.GROUP, "Stable", 1)));
  }

  static DrainResult drained() {
    return new DrainResult(
        true, List.of(new GroupVerdict(TestPlans.GROUP, GroupStatus.CAUGHT_UP, 0, "lag 0")), snapshot(0));
  }

  static DrainResult stalled(long lag) {
    return new DrainResult(
        false,
        List.of(new GroupVerdict(TestPlans.GROUP, GroupStatus.STALLED, lag, "no commits for 2s")),
        snapshot(lag));
  }

  /** A drain held by an open transaction, as the real wait names it. */
  static final String OPEN_TRANSACTION = "orders-0 read up to the last stable offset: an open transaction holds the rest; the group has 1 member(s); "
      + "held by transaction 'payments-tx' (producer 4001, epoch 2) open on orders-0 from offset 95 for 40 s (ONGOING)";

  static DrainResult heldByTransaction(long lag) {
    return new DrainResult(
        false, List.of(new GroupVerdict(TestPlans.GROUP, GroupStatus.TRANSACTION_OPEN, lag, OPEN_TRANSACTION)), snapshot(lag));
  }

  @Override
  public DrainResult awaitDrained(DrainRequest request) {
    drainRequests.add(request);
    log.add("awaitDrained");
    return drain.apply(request);
  }

  @Override
  public ProducersMovedResult awaitProducersMoved(ProducersMovedRequest request) {
    log.add("awaitProducersMoved");
    return new ProducersMovedResult(true, true, 10, request.clients(), List.of());
  }

  @Override
  public ConsumersMovedResult awaitConsumersMoved(ConsumersMovedRequest request) {
    log.add("awaitConsumersMoved");
    return consumersMoved.apply(request);
  }

  @Override
  public ConsumersJoinedResult awaitConsumersJoined(ConsumersJoinedRequest request) {
    log.add("awaitConsumersJoined:" + request.cluster() + (request.requireCommits() ? ":consuming" : ":joined"));
    return new ConsumersJoinedResult(List.of(new GroupMembership(TestPlans.GROUP, "Stable", 1)), snapshot(0));
  }

  @Override
  public LagSnapshot lagSnapshot(String cluster, List<String> topics, List<String> groups) {
    log.add("lagSnapshot");
    return snapshot(lagLeft);
  }
}
