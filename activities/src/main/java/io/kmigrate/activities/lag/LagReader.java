package io.kmigrate.activities.lag;

import static io.kmigrate.activities.kafka.KafkaCalls.get;

import io.kmigrate.activities.kafka.Groups;
import io.kmigrate.activities.kafka.TopicInspector;
import io.kmigrate.workflows.contract.GroupMembership;
import io.kmigrate.workflows.contract.LagSnapshot;
import io.kmigrate.workflows.contract.PartitionLag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * One lag snapshot of all groups x partitions in a fixed number of batched Admin calls, whatever
 * the number of groups and partitions: the topics' partitions, then end offsets, log starts,
 * committed offsets and group membership, sent together.
 * A partition Kafka does not answer for throws: it is never read as zero lag.
 */
public final class LagReader {
  private final Admin admin;
  private final List<String> topics;
  private final Consumer<LagSnapshot> onSnapshot;
  private List<TopicPartition> partitions;

  /** Fails at once, naming them, when topics are missing; a reader is reused for every poll of a wait. */
  public LagReader(Admin admin, List<String> topics) {
    this(admin, topics, snapshot -> {});
  }

  /** @param onSnapshot sees every snapshot read (the waits report lag metrics through it) */
  public LagReader(Admin admin, List<String> topics, Consumer<LagSnapshot> onSnapshot) {
    this.admin = admin;
    this.topics = List.copyOf(topics);
    this.onSnapshot = onSnapshot;
    this.partitions = new TopicInspector(admin).partitions(topics);
  }

  /** End offsets of every partition, re-read each time (see {@link #snapshot}). */
  public Map<TopicPartition, Long> endOffsets() {
    refreshPartitions();
    return offsets(OffsetSpec.latest());
  }

  /** Log start offsets of the partitions last read by {@link #endOffsets}. */
  public Map<TopicPartition, Long> logStarts() {
    return offsets(OffsetSpec.earliest());
  }

  /** Re-reads the partitions each time: partitions added during a wait count from their first poll. */
  public LagSnapshot snapshot(List<String> groups) {
    refreshPartitions();
    // The reads below need only the partitions: sent together, their round trips overlap instead of adding up.
    KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> ends = offsetsFuture(OffsetSpec.latest());
    KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> starts = offsetsFuture(OffsetSpec.earliest());
    // Where a read_committed consumer stops while a transaction is open: both figures are kept.
    KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> stables =
        admin.listOffsets(request(OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all();
    KafkaFuture<Map<String, Map<TopicPartition, OffsetAndMetadata>>> commits = committedFuture(groups);
    Map<String, Optional<ConsumerGroupDescription>> described = Groups.describe(admin, groups);
    Map<TopicPartition, Long> end = offsets(ends);
    Map<TopicPartition, Long> start = offsets(starts);
    Map<TopicPartition, Long> stable = offsets(stables);
    Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = get(commits);
    List<PartitionLag> lags = new ArrayList<>();
    for (String group : groups) {
      Map<TopicPartition, OffsetAndMetadata> offsets = committed.getOrDefault(group, Map.of());
      for (TopicPartition tp : partitions) {
        long logEnd = required(end, tp, "end offset");
        long logStart = required(start, tp, "log start");
        OffsetAndMetadata om = offsets.get(tp);
        long c = om == null ? -1 : om.offset();
        // No commit: everything from the log start is still to be consumed.
        long lag = c < 0 ? logEnd - logStart : Math.max(0, logEnd - Math.max(c, logStart));
        lags.add(new PartitionLag(group, tp.topic(), tp.partition(), c, logStart, logEnd, lag, stable.get(tp)));
      }
    }
    List<GroupMembership> states =
        groups.stream()
            .map(g -> described.get(g)
                .map(d -> new GroupMembership(g, d.groupState().name(), d.members().size()))
                .orElseGet(() -> new GroupMembership(g, "DEAD", 0)))
            .toList();
    long now = System.currentTimeMillis();
    LagSnapshot snapshot = new LagSnapshot(Instant.ofEpochMilli(now).toString(), now, lags, states);
    onSnapshot.accept(snapshot);
    return snapshot;
  }

  private void refreshPartitions() {
    partitions = new TopicInspector(admin).partitions(topics);
  }

  private KafkaFuture<Map<String, Map<TopicPartition, OffsetAndMetadata>>> committedFuture(List<String> groups) {
    if (groups.isEmpty()) {
      return KafkaFuture.completedFuture(Map.of());
    }
    Map<String, ListConsumerGroupOffsetsSpec> specs =
        groups.stream().collect(Collectors.toMap(g -> g, g -> new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)));
    return admin.listConsumerGroupOffsets(specs).all();
  }

  private Map<TopicPartition, Long> offsets(OffsetSpec spec) {
    return offsets(offsetsFuture(spec));
  }

  private KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> offsetsFuture(OffsetSpec spec) {
    return admin.listOffsets(request(spec)).all();
  }

  private Map<TopicPartition, OffsetSpec> request(OffsetSpec spec) {
    return partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec));
  }

  private static Map<TopicPartition, Long> offsets(KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> future) {
    Map<TopicPartition, Long> out = new HashMap<>();
    get(future).forEach((tp, i) -> out.put(tp, i.offset()));
    return out;
  }

  private static long required(Map<TopicPartition, Long> offsets, TopicPartition tp, String what) {
    Long v = offsets.get(tp);
    if (v == null || v < 0) {
      throw new PartialViewException("no " + what + " for " + tp + ": lag cannot be judged");
    }
    return v;
  }
}
