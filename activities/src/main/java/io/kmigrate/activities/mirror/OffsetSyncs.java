package io.kmigrate.activities.mirror;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.mirror.OffsetSync;

/**
 * MirrorMaker's offset syncs (pairs of source and target offsets of one copied record), read
 * from its offset-syncs topic, and the translation MirrorMaker's checkpoints make from them: the
 * newest sync at or below an offset gives its target offset, plus one when the offset lies past
 * the synced record. Never ahead of the truth: a consumer resumes at most a few records early.
 */
public final class OffsetSyncs implements AutoCloseable {
  private final TopicFollower topic;
  private final Map<TopicPartition, NavigableMap<Long, Long>> syncs = new HashMap<>();

  public OffsetSyncs(Properties client, String topic) {
    this.topic = new TopicFollower(client, topic);
  }

  /** Reads the syncs written since the last call. */
  public OffsetSyncs refresh() {
    topic.readNew(r -> add(OffsetSync.deserializeRecord(r)));
    return this;
  }

  /**
   * A sync that does not follow the ones before it (an upstream or downstream offset not beyond
   * theirs) means MirrorMaker copied the partition again (a new mirror of the same topic, a
   * re-created target topic): the older syncs describe another copy and are dropped, as
   * MirrorMaker's own sync store does.
   */
  void add(OffsetSync s) {
    NavigableMap<Long, Long> partition = syncs.computeIfAbsent(s.topicPartition(), tp -> new TreeMap<>());
    partition.tailMap(s.upstreamOffset(), true).clear();
    partition.values().removeIf(downstream -> downstream >= s.downstreamOffset());
    partition.put(s.upstreamOffset(), s.downstreamOffset());
  }

  /** One synced record: copied from source offset {@code upstream} to target offset {@code downstream}. */
  public record Sync(long upstream, long downstream) {}

  /** The first sync above {@code upstream}, or empty while none was written. */
  public Optional<Sync> above(TopicPartition partition, long upstream) {
    return Optional.ofNullable(syncs.getOrDefault(partition, new TreeMap<>()).higherEntry(upstream)).map(e -> new Sync(e.getKey(), e.getValue()));
  }

  /** The newest sync at or below {@code upstream}, or empty while no record at or below it was synced. */
  public Optional<Sync> below(TopicPartition partition, long upstream) {
    return Optional.ofNullable(syncs.getOrDefault(partition, new TreeMap<>()).floorEntry(upstream)).map(e -> new Sync(e.getKey(), e.getValue()));
  }

  /** The target offset for source offset {@code upstream}, or empty while no record at or below it was synced. */
  public OptionalLong translate(TopicPartition partition, long upstream) {
    return below(partition, upstream).map(s -> OptionalLong.of(s.downstream() + (s.upstream() == upstream ? 0 : 1))).orElse(OptionalLong.empty());
  }

  @Override
  public void close() {
    topic.close();
  }
}
