package io.kmigrate.activities.lag;

/**
 * When a group's committed offset on one partition last moved; kept in heartbeats so a retried
 * wait keeps its memory.
 */
public record PartitionMotion(String group, String topic, int partition, long committed, long lastMoveAtMillis) {
  public String key() {
    return key(group, topic, partition);
  }

  public static String key(String group, String topic, int partition) {
    return group + "\u0000" + topic + "\u0000" + partition;
  }
}
