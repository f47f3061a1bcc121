package io.kmigrate.activities.discover;

import io.kmigrate.activities.kafka.Groups;
import io.kmigrate.activities.kafka.KafkaCalls;
import io.kmigrate.activities.kafka.TopicInspector;
import io.kmigrate.activities.kafka.TopicSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicListing;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;

/**
 * Reads a cluster for {@code kmigrate discover}, through Admin only (no consumer joins anything):
 * topics and their configs, when each was last written, the consumer groups (classic and KIP-848)
 * with their topics, members and lag, and the producers with state on each partition. Calls go in
 * batches, so a cluster of thousands of topics costs tens of requests, and progress is reported
 * after each.
 */
public final class ClusterReader {
  /** Topics per describe/config call, and partitions per offsets/producers call. */
  static final int TOPIC_BATCH = 500;
  static final int PARTITION_BATCH = 5_000;
  static final int GROUP_BATCH = 200;
  /** Kafka's own internal topics and those of MirrorMaker 2 and Kafka Connect: never migration units. */
  private static final Pattern INTERNAL = Pattern.compile("__.*|.*\\.internal|mm2-.*|heartbeats|connect-(configs|offsets|status)");

  private final Admin admin;
  private final Clock clock;
  private final Consumer<String> progress;

  public ClusterReader(Admin admin, Clock clock, Consumer<String> progress) {
    this.admin = admin;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * @param topics the topics in scope (a regular expression matching the whole name), or null for all
   * @param idleAfter a topic not written for this long is idle
   */
  public Inventory read(String cluster, Pattern topics, Duration idleAfter) {
    Instant now = clock.instant();
    List<String> notes = new ArrayList<>();
    List<String> internal = new ArrayList<>();
    List<String> inScope = new ArrayList<>();
    int unmatched = 0;
    for (TopicListing t : KafkaCalls.get(admin.listTopics(new ListTopicsOptions().listInternal(true)).listings())) {
      if (t.isInternal() || INTERNAL.matcher(t.name()).matches()) {
        internal.add(t.name());
      } else if (topics == null || topics.matcher(t.name()).matches()) {
        inScope.add(t.name());
      } else {
        unmatched++;
      }
    }
    inScope.sort(null);
    internal.sort(null);
    progress.accept(String.format("%,d topic(s) in scope, %,d internal, %,d not matching", inScope.size(), internal.size(), unmatched));

    Map<String, TopicSettings> settings = new TreeMap<>();
    for (List<String> batch : batches(inScope, TOPIC_BATCH)) {
      settings.putAll(new TopicInspector(admin).settings(batch, true));
      progress.accept(String.format("topics described: %,d of %,d", settings.size(), inScope.size()));
    }
    List<TopicPartition> partitions = new ArrayList<>();
    settings.values().forEach(s -> {
      for (int p = 0; p < s.partitions(); p++) {
        partitions.add(new TopicPartition(s.name(), p));
      }
    });
    Map<TopicPartition, Long> ends = new HashMap<>();
    Map<TopicPartition, Long> starts = new HashMap<>();
    Map<TopicPartition, Long> lastWrite = new HashMap<>();
    int read = 0;
    for (List<TopicPartition> batch : batches(partitions, PARTITION_BATCH)) {
      offsets(batch, OffsetSpec.latest()).forEach((tp, o) -> ends.put(tp, o.offset()));
      offsets(batch, OffsetSpec.earliest()).forEach((tp, o) -> starts.put(tp, o.offset()));
      offsets(batch, OffsetSpec.maxTimestamp()).forEach((tp, o) -> lastWrite.put(tp, o.offset() < 0 ? -1 : o.timestamp()));
      read += batch.size();
      progress.accept(String.format("partitions' offsets read: %,d of %,d", read, partitions.size()));
    }
    Map<String, Set<Long>> producerIds = producers(partitions, notes);
    Map<Long, String> transactional = transactionalIds(notes);

    List<TopicFacts> topicFacts = new ArrayList<>();
    long idleBefore = now.minus(idleAfter).toEpochMilli();
    for (TopicSettings s : settings.values()) {
      long records = 0;
      long last = -1;
      for (int p = 0; p < s.partitions(); p++) {
        TopicPartition tp = new TopicPartition(s.name(), p);
        records += Math.max(0, ends.getOrDefault(tp, 0L) - starts.getOrDefault(tp, 0L));
        last = Math.max(last, lastWrite.getOrDefault(tp, -1L));
      }
      Set<Long> ids = producerIds.getOrDefault(s.name(), Set.of());
      List<String> txIds = ids.stream().map(transactional::get).filter(id -> id != null).distinct().sorted().toList();
      topicFacts.add(new TopicFacts(s.name(), s.partitions(), s.replicationFactor(), s.configs(), records, last, last < idleBefore,
          ids.size(), txIds));
    }
    List<GroupFacts> groups = groups(new HashSet<>(inScope), ends);
    notes.add("Kafka does not record which client id wrote a topic: the plans name each unit's producers as one client group, "
        + "to be named by you; producer ids and transactional ids are listed per topic.");
    return new Inventory(cluster, now.toString(), topicFacts, groups, internal, unmatched, notes);
  }

  private Map<TopicPartition, ListOffsetsResultInfo> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, spec));
    return KafkaCalls.get(admin.listOffsets(request).all());
  }

  /** Producer ids with state on each topic's partitions; none, with a note, when the brokers refuse. */
  private Map<String, Set<Long>> producers(List<TopicPartition> partitions, List<String> notes) {
    Map<String, Set<Long>> out = new HashMap<>();
    try {
      for (List<TopicPartition> batch : batches(partitions, PARTITION_BATCH)) {
        Map<TopicPartition, PartitionProducerState> states = KafkaCalls.get(admin.describeProducers(batch).all());
        states.forEach((tp, state) -> {
          for (ProducerState p : state.activeProducers()) {
            out.computeIfAbsent(tp.topic(), t -> new TreeSet<>()).add(p.producerId());
          }
        });
      }
    } catch (ApiException | IllegalStateException e) {
      notes.add("producers could not be described (" + e.getMessage() + "): producer ids are not listed");
    }
    return out;
  }

  private Map<Long, String> transactionalIds(List<String> notes) {
    Map<Long, String> out = new HashMap<>();
    try {
      for (TransactionListing t : KafkaCalls.get(admin.listTransactions().all())) {
        out.put(t.producerId(), t.transactionalId());
      }
    } catch (ApiException | IllegalStateException e) {
      notes.add("transactions could not be listed (" + e.getMessage() + "): transactional ids are not listed");
    }
    return out;
  }

  /** Every consumer group with a commit on, or a member assigned, a topic in scope. */
  private List<GroupFacts> groups(Set<String> inScope, Map<TopicPartition, Long> ends) {
    Map<String, String> protocols = new TreeMap<>();
    for (GroupListing g : KafkaCalls.get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all())) {
      protocols.put(g.groupId(), g.type().map(t -> t.toString().toLowerCase()).orElse("classic"));
    }
    progress.accept(String.format("%,d consumer group(s)", protocols.size()));
    List<GroupFacts> out = new ArrayList<>();
    int read = 0;
    for (List<String> batch : batches(new ArrayList<>(protocols.keySet()), GROUP_BATCH)) {
      Map<String, Optional<ConsumerGroupDescription>> described = Groups.describe(admin, batch);
      Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
      batch.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
      Map<String, Map<TopicPartition, OffsetAndMetadata>> commits = KafkaCalls.get(admin.listConsumerGroupOffsets(specs).all());
      for (String group : batch) {
        Set<String> topics = new TreeSet<>();
        long lag = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> c : commits.getOrDefault(group, Map.of()).entrySet()) {
          if (c.getValue() != null && inScope.contains(c.getKey().topic())) {
            topics.add(c.getKey().topic());
            lag += Math.max(0, ends.getOrDefault(c.getKey(), 0L) - c.getValue().offset());
          }
        }
        List<GroupFacts.Member> members = new ArrayList<>();
        Optional<ConsumerGroupDescription> d = described.getOrDefault(group, Optional.empty());
        for (MemberDescription m : d.map(ConsumerGroupDescription::members).orElse(List.of())) {
          members.add(new GroupFacts.Member(m.clientId(), m.host()));
          m.assignment().topicPartitions().stream().map(TopicPartition::topic).filter(inScope::contains).forEach(topics::add);
        }
        if (!topics.isEmpty()) {
          out.add(new GroupFacts(group, protocols.get(group), d.map(g -> g.groupState().name()).orElse("UNKNOWN"),
              List.copyOf(topics), members, lag));
        }
      }
      read += batch.size();
      progress.accept(String.format("groups read: %,d of %,d", read, protocols.size()));
    }
    return out;
  }

  static <T> List<List<T>> batches(List<T> all, int size) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += size) {
      out.add(all.subList(i, Math.min(all.size(), i + size)));
    }
    return out;
  }
}
