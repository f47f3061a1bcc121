package io.kmigrate.activities.mirror;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
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

  /** The target offset for source offset {@code upstream}, or empty while no record at or below it was synced. */
  public OptionalLong translate(TopicPartition partition, long upstream) {
    Map.Entry<Long, Long> sync = syncs.getOrDefault(partition, new TreeMap<>()).floorEntry(upstream);
    if (sync == null) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(sync.getValue() + (sync.getKey() == upstream ? 0 : 1));
  }

  @Override
  public void close() {
    topic.close();
  }
}
