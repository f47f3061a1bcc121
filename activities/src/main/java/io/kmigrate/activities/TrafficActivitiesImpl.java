package io.kmigrate.activities;

import static io.kmigrate.activities.kafka.KafkaCalls.get;

import io.kmigrate.activities.kafka.Clusters;
import io.kmigrate.activities.kafka.NextReadable;
import io.kmigrate.activities.kafka.OpenTransactions;
import io.kmigrate.activities.kafka.PartitionKeys;
import io.kmigrate.activities.lag.ConsumerWatch;
import io.kmigrate.activities.lag.DrainRates;
import io.kmigrate.activities.lag.DrainState;
import io.kmigrate.activities.lag.GroupJudge;
import io.kmigrate.activities.lag.LagMetrics;
import io.kmigrate.activities.lag.LagReader;
import io.kmigrate.activities.lag.PartitionMotion;
import io.kmigrate.activities.lag.ProducerWatch;
import io.kmigrate.activities.lag.WaitLoop.Step;
import io.kmigrate.activities.lag.WaitLoop;
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
import io.kmigrate.workflows.contract.StrayWrite;
import io.kmigrate.workflows.contract.TrafficActivities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.common.TopicPartition;

/** The long waits, each judged from the traffic itself (offsets, commits, membership). */
public class TrafficActivitiesImpl implements TrafficActivities {
  /** How long one drain poll may read the source to tell markers and aborted records from records left to consume. */
  static final Duration NEXT_READABLE_BUDGET = Duration.ofSeconds(1);
  private final Clusters clusters;

  public TrafficActivitiesImpl(Clusters clusters) {
    this.clusters = clusters;
  }

  /** A reader whose every snapshot is reported as the groups' lag on {@code cluster}. */
  private LagReader lagReader(String cluster, List<String> topics) {
    return new LagReader(clusters.admin(cluster), topics, snapshot -> LagMetrics.report(cluster, snapshot));
  }

  @Override
  public LagSnapshot lagSnapshot(String cluster, List<String> topics, List<String> groups) {
    return LagSnapshot.sent(lagReader(cluster, topics).snapshot(groups));
  }

  /**
   * Drained: every group has lag 0 on every partition and the source's end offsets stopped
   * advancing, both held for stableFor. Ends early when a group not yet acknowledged is stalled
   * or stopped. While the source cannot be read (a broker restart) the wait keeps polling without
   * a verdict; once it answers, stability is judged afresh and the groups get a whole stallAfter.
   * Every poll is judged on all partitions; what it heartbeats and returns is bounded (see
   * {@link DrainState#heartbeatDetails} and {@link LagSnapshot#sent}).
   */
  @Override
  public DrainResult awaitDrained(DrainRequest request) {
    try (NextReadable ahead = new NextReadable(clusters.clientProperties(request.cluster()), NEXT_READABLE_BUDGET)) {
      return awaitDrained(request, ahead);
    }
  }

  private DrainResult awaitDrained(DrainRequest request, NextReadable ahead) {
    LagReader reader = lagReader(request.cluster(), request.topics());
    long stableFor = request.waits().stableForMs();
    return WaitLoop.run(
        request.waits().pollIntervalMs(),
        DrainState.class,
        DrainState::fresh,
        state -> {
          LagSnapshot snapshot = pastUnreadable(reader.snapshot(request.groups()), state, ahead);
          GroupJudge judge = new GroupJudge(request.waits().stallAfterMs(), state.motionAfter(snapshot.atMillis()));
          List<GroupVerdict> verdicts = named(request.cluster(), judge.judge(snapshot), judge.heldByTransaction());
          long endSum = endOffsetSum(snapshot);
          boolean caughtUp = verdicts.stream().allMatch(v -> v.status() == GroupStatus.CAUGHT_UP);
          boolean quiet = endSum == state.endOffsetSum();
          long stableSince = caughtUp && quiet ? (state.stableSinceMillis() > 0 ? state.stableSinceMillis() : snapshot.atMillis()) : -1;
          DrainRates rates = state.rates().next(snapshot);
          DrainState next = new DrainState(judge.memory(), endSum, stableSince, snapshot, rates);
          LagMetrics.reportEta(request.cluster(), next.eta());
          if (stableSince > 0 && snapshot.atMillis() - stableSince >= stableFor) {
            return Step.done(next, new DrainResult(true, verdicts, snapshot));
          }
          boolean newlyBlocked =
              verdicts.stream()
                  .anyMatch(v -> (v.status() == GroupStatus.STALLED || v.status() == GroupStatus.STOPPED
                          || v.status() == GroupStatus.TRANSACTION_OPEN)
                      && !request.acknowledgedStalls().contains(v.group()));
          return newlyBlocked ? Step.done(next, new DrainResult(false, verdicts, snapshot)) : Step.wait(next);
        },
        (state, error) -> state.unobserved(System.currentTimeMillis(), error));
  }

  /**
   * The snapshot with the lag of each partition whose commit has not moved since the last poll
   * counted from the next record a read_committed consumer reads: a commit that stopped before a
   * transaction's control marker or aborted records (a client committing {@code offset + 1} of its
   * last record) has consumed everything, and is not stalled.
   */
  private static LagSnapshot pastUnreadable(LagSnapshot snapshot, DrainState state, NextReadable ahead) {
    Map<String, Long> before = new HashMap<>();
    state.motion().forEach(m -> before.put(m.key(), m.committed()));
    Set<Position> frozen = new HashSet<>();
    for (PartitionLag p : snapshot.partitions()) {
      Long was = before.get(PartitionMotion.key(p.group(), p.topic(), p.partition()));
      if (p.lag() > 0 && p.committed() >= 0 && was != null && was == p.committed()) {
        frozen.add(new Position(new TopicPartition(p.topic(), p.partition()), Math.max(p.committed(), p.logStart())));
      }
    }
    if (frozen.isEmpty()) {
      return snapshot;
    }
    Map<Position, Long> next = nextReadable(frozen, ahead);
    List<PartitionLag> partitions = snapshot.partitions().stream().map(p -> {
      Long readable = next.get(new Position(new TopicPartition(p.topic(), p.partition()), Math.max(p.committed(), p.logStart())));
      return readable == null || p.committed() < 0 || readable <= Math.max(p.committed(), p.logStart()) ? p
          : p.withLag(Math.max(0, p.logEnd() - readable));
    }).toList();
    return new LagSnapshot(snapshot.at(), snapshot.atMillis(), partitions, snapshot.groups());
  }

  /** A group's position on a partition. */
  private record Position(TopicPartition partition, long offset) {}

  /**
   * The next readable offset from each position, several groups per partition included: one read
   * from a partition's lowest position answers every higher one it read past; the rest are read in
   * a following round (at most three).
   */
  private static Map<Position, Long> nextReadable(Set<Position> positions, NextReadable ahead) {
    Map<Position, Long> out = new HashMap<>();
    Set<Position> open = new HashSet<>(positions);
    for (int round = 0; round < 3 && !open.isEmpty(); round++) {
      Map<TopicPartition, Long> lowest = new HashMap<>();
      open.forEach(p -> lowest.merge(p.partition(), p.offset(), Math::min));
      Map<TopicPartition, Long> read = ahead.from(lowest);
      for (Position p : List.copyOf(open)) {
        long r = read.get(p.partition());
        if (p.offset() == lowest.get(p.partition()) || r >= p.offset()) {
          out.put(p, Math.max(r, p.offset()));
          open.remove(p);
        }
      }
    }
    return out;
  }

  /** TRANSACTION_OPEN verdicts naming the transactions that hold them, read from the cluster. */
  private List<GroupVerdict> named(String cluster, List<GroupVerdict> verdicts, Map<String, List<TopicPartition>> held) {
    if (held.isEmpty()) {
      return verdicts;
    }
    Map<TopicPartition, List<String>> open = new HashMap<>();
    try {
      long now = System.currentTimeMillis();
      OpenTransactions.on(clusters.admin(cluster), held.values().stream().flatMap(List::stream).distinct().toList())
          .forEach(t -> open.computeIfAbsent(t.partition(), tp -> new ArrayList<>()).add(t.describe(now)));
    } catch (RuntimeException e) {
      // The transactions' names help a person find the producer; the verdict stands without them.
      return verdicts;
    }
    return verdicts.stream().map(v -> {
      List<String> names = held.getOrDefault(v.group(), List.of()).stream().flatMap(tp -> open.getOrDefault(tp, List.of()).stream()).toList();
      return v.status() != GroupStatus.TRANSACTION_OPEN || names.isEmpty() ? v
          : new GroupVerdict(v.group(), v.status(), v.lag(), v.reason() + "; held by " + String.join("; ", names));
    }).toList();
  }

  /**
   * Moved: the source's end offsets have not changed for stableFor and the target's advanced
   * (or nothing wrote anywhere: an idle application). Source writes after the grace period name
   * the partitions and producer ids that did not move. While either cluster cannot be read the
   * wait keeps polling without a verdict.
   */
  @Override
  public ProducersMovedResult awaitProducersMoved(ProducersMovedRequest request) {
    LagReader source = lagReader(request.source(), request.topics());
    LagReader target = lagReader(request.target(), request.topics());
    long stableFor = request.waits().stableForMs();
    return WaitLoop.run(
        request.waits().pollIntervalMs(),
        ProducerWatch.class,
        () -> {
          Map<String, Long> s = PartitionKeys.keyed(source.endOffsets());
          return new ProducerWatch(System.currentTimeMillis(), s, PartitionKeys.keyed(target.endOffsets()), s, System.currentTimeMillis(), null);
        },
        watch -> {
          long now = System.currentTimeMillis();
          Map<String, Long> s = PartitionKeys.keyed(source.endOffsets());
          Map<String, Long> t = PartitionKeys.keyed(target.endOffsets());
          long changedAt = s.equals(watch.sourceLast()) ? watch.sourceChangedAtMillis() : now;
          Map<String, Long> atGrace = watch.sourceAtGrace();
          if (atGrace == null && now - watch.startMillis() >= request.graceMs()) {
            atGrace = s;
          }
          ProducerWatch next = new ProducerWatch(watch.startMillis(), watch.sourceAtStart(), watch.targetAtStart(), s, changedAt, atGrace);
          long targetRecords = delta(watch.targetAtStart(), t);
          boolean trafficSeen = targetRecords > 0 || delta(watch.sourceAtStart(), s) > 0;
          if (now - changedAt >= stableFor && (targetRecords > 0 || !trafficSeen)) {
            return Step.done(next, new ProducersMovedResult(true, trafficSeen, targetRecords, request.clients(), List.of()));
          }
          if (atGrace != null && !atGrace.equals(s) && watch.sourceAtGrace() != null) {
            List<StrayWrite> strays = strays(request.source(), atGrace, s);
            return Step.done(next, new ProducersMovedResult(false, true, targetRecords, request.clients(), strays));
          }
          return Step.wait(next);
        },
        // Both clusters are read in every poll: one that does not answer leaves the watch as it was.
        (watch, error) -> watch);
  }

  /** Moved: per group, no members on the source; members on the target that commit (or have no lag). */
  @Override
  public ConsumersMovedResult awaitConsumersMoved(ConsumersMovedRequest request) {
    LagReader source = lagReader(request.source(), request.topics());
    LagReader target = lagReader(request.target(), request.topics());
    long stableFor = request.waits().stableForMs();
    return WaitLoop.run(
        request.waits().pollIntervalMs(),
        ConsumerWatch.class,
        () -> new ConsumerWatch(committedSums(target.snapshot(request.groups())), -1),
        watch -> {
          LagSnapshot onSource = source.snapshot(request.groups());
          LagSnapshot onTarget = target.snapshot(request.groups());
          boolean allMoved = request.groups().stream().allMatch(group ->
              members(onSource, group) == 0 && members(onTarget, group) > 0 && commitsOrNoLag(onTarget, group, watch));
          long now = onTarget.atMillis();
          ConsumerWatch next = watch.next(allMoved, now);
          if (next.heldFor(stableFor, now)) {
            return Step.done(next, new ConsumersMovedResult(true, onSource.groups(), onTarget.groups(), onTarget));
          }
          return Step.wait(next);
        });
  }

  /** Each group has members on the cluster and, if asked, commits advancing there (or no lag), held for stableFor. */
  @Override
  public ConsumersJoinedResult awaitConsumersJoined(ConsumersJoinedRequest request) {
    LagReader reader = lagReader(request.cluster(), request.topics());
    long stableFor = request.waits().stableForMs();
    return WaitLoop.run(
        request.waits().pollIntervalMs(),
        ConsumerWatch.class,
        () -> new ConsumerWatch(committedSums(reader.snapshot(request.groups())), -1),
        watch -> {
          LagSnapshot snapshot = reader.snapshot(request.groups());
          boolean all = request.groups().stream().allMatch(group ->
              members(snapshot, group) > 0 && (!request.requireCommits() || commitsOrNoLag(snapshot, group, watch)));
          ConsumerWatch next = watch.next(all, snapshot.atMillis());
          if (next.heldFor(stableFor, snapshot.atMillis())) {
            return Step.done(next, new ConsumersJoinedResult(snapshot.groups(), snapshot));
          }
          return Step.wait(next);
        });
  }

  private List<StrayWrite> strays(String cluster, Map<String, Long> before, Map<String, Long> after) {
    List<TopicPartition> written = new ArrayList<>();
    Map<TopicPartition, Long> counts = new HashMap<>();
    after.forEach((key, end) -> {
      long d = end - before.getOrDefault(key, end);
      if (d > 0) {
        TopicPartition tp = PartitionKeys.parse(key);
        written.add(tp);
        counts.put(tp, d);
      }
    });
    Map<TopicPartition, PartitionProducerState> producers = new HashMap<>();
    try {
      producers.putAll(get(clusters.admin(cluster).describeProducers(written).all()));
    } catch (RuntimeException e) {
      // Producer ids are a help to find the client, not the verdict: report partitions without them.
    }
    return written.stream()
        .map(tp -> new StrayWrite(
            tp.topic(), tp.partition(), counts.get(tp),
            producers.containsKey(tp)
                ? producers.get(tp).activeProducers().stream().map(p -> p.producerId()).distinct().toList()
                : List.of()))
        .toList();
  }

  /** The sum of end offsets over the snapshot's partitions (each group row repeats them: count each once). */
  private static long endOffsetSum(LagSnapshot snapshot) {
    Map<String, Long> ends = new HashMap<>();
    snapshot.partitions().forEach(p -> ends.put(PartitionKeys.of(p.topic(), p.partition()), p.logEnd()));
    return ends.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The group committed on the snapshot's cluster since the wait began, or has nothing left to consume. */
  private static boolean commitsOrNoLag(LagSnapshot snapshot, String group, ConsumerWatch watch) {
    long committed = committedSums(snapshot).getOrDefault(group, 0L);
    long lag = snapshot.partitions().stream().filter(p -> p.group().equals(group)).mapToLong(PartitionLag::lag).sum();
    return committed > watch.targetCommittedAtStart().getOrDefault(group, 0L) || lag == 0;
  }

  private static int members(LagSnapshot snapshot, String group) {
    return snapshot.groups().stream().filter(g -> g.group().equals(group)).mapToInt(GroupMembership::members).sum();
  }

  private static Map<String, Long> committedSums(LagSnapshot snapshot) {
    Map<String, Long> sums = new HashMap<>();
    snapshot.partitions().forEach(p -> sums.merge(p.group(), Math.max(0, p.committed()), Long::sum));
    return sums;
  }

  private static long delta(Map<String, Long> before, Map<String, Long> after) {
    long d = 0;
    for (var e : after.entrySet()) {
      d += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), e.getValue()));
    }
    return d;
  }
}
