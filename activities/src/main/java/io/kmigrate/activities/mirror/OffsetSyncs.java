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

  void add(OffsetSync s) {
    syncs.computeIfAbsent(s.topicPartition(), tp -> new TreeMap<>()).put(s.upstreamOffset(), s.downstreamOffset());
  }

  /** One synced record: copied from source offset {@code upstream} to target offset {@code downstream}. */
  public record Sync(long upstream, long downstream) {}

  /**
   * The sync nearest to {@code upstream}: the newest at or below it, or the first above it where
   * that one is closer or there is none below (MirrorMaker sends only its latest sync per
   * partition when it copies fast, so a group far behind the head may have none below).
   */
  public Optional<Sync> nearest(TopicPartition partition, long upstream) {
    NavigableMap<Long, Long> all = syncs.getOrDefault(partition, new TreeMap<>());
    Map.Entry<Long, Long> below = all.floorEntry(upstream);
    Map.Entry<Long, Long> above = all.higherEntry(upstream);
    Map.Entry<Long, Long> nearest = below == null || (above != null && above.getKey() - upstream < upstream - below.getKey()) ? above : below;
    return Optional.ofNullable(nearest).map(e -> new Sync(e.getKey(), e.getValue()));
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
