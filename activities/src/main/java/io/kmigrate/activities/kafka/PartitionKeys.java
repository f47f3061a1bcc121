package io.kmigrate.activities.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets per partition as a wait's heartbeat carries them: JSON objects need string keys, so a
 * partition is written {@code topic/partition} (a topic name never holds '/'). The form is what
 * earlier releases heartbeated too, so a wait resumed after an upgrade still reads it.
 */
public final class PartitionKeys {
  private PartitionKeys() {}

  public static String of(TopicPartition tp) {
    return of(tp.topic(), tp.partition());
  }

  public static String of(String topic, int partition) {
    return topic + "/" + partition;
  }

  public static TopicPartition parse(String key) {
    int slash = key.lastIndexOf('/');
    return new TopicPartition(key.substring(0, slash), Integer.parseInt(key.substring(slash + 1)));
  }

  /** The same offsets keyed for a heartbeat. */
  public static Map<String, Long> keyed(Map<TopicPartition, Long> offsets) {
    Map<String, Long> out = new HashMap<>();
    offsets.forEach((tp, o) -> out.put(of(tp), o));
    return out;
  }
}
