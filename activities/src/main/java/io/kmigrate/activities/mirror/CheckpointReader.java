package io.kmigrate.activities.mirror;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.mirror.Checkpoint;

/** The newest checkpoint MirrorMaker wrote per group and partition (its checkpoint topic on the target). */
public final class CheckpointReader implements AutoCloseable {
  /** Key: group and the (identically named) topic partition. */
  public record Key(String group, TopicPartition partition) {}

  private final TopicFollower topic;
  private final Map<Key, Checkpoint> latest = new HashMap<>();

  public CheckpointReader(Properties target, String topic) {
    this.topic = new TopicFollower(target, topic);
  }

  /** @return the newest checkpoints, empty while MirrorMaker has not created the topic */
  public Map<Key, Checkpoint> refresh() {
    topic.readNew(r -> {
      Checkpoint c = Checkpoint.deserializeRecord(r);
      latest.put(new Key(c.consumerGroupId(), c.topicPartition()), c);
    });
    return Map.copyOf(latest);
  }

  @Override
  public void close() {
    topic.close();
  }
}
