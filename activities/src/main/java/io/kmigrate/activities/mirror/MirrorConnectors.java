package io.kmigrate.activities.mirror;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The three MirrorMaker 2 connectors of one migration and their configuration. Topic names stay
 * the same on the target (identity replication policy); kmigrate created the topics with the
 * source's configuration already, so MirrorMaker syncs neither topic configs nor ACLs, and it
 * writes no group offsets itself: the workflow writes translated offsets exactly when the
 * consumers are stopped. Offset syncs live on the target so the source is only read.
 */
public record MirrorConnectors(String migrationId, String sourceAlias, String targetAlias) {
  public static final String SOURCE = "org.apache.kafka.connect.mirror.MirrorSourceConnector";
  public static final String CHECKPOINT = "org.apache.kafka.connect.mirror.MirrorCheckpointConnector";
  public static final String HEARTBEAT = "org.apache.kafka.connect.mirror.MirrorHeartbeatConnector";

  public MirrorConnectors(String migrationId, String sourceAlias, String targetAlias) {
    this.migrationId = migrationId;
    this.sourceAlias = alias(sourceAlias);
    this.targetAlias = alias(targetAlias);
  }

  public String sourceName() {
    return "kmigrate-" + migrationId + "-mirror-source";
  }

  public String checkpointName() {
    return "kmigrate-" + migrationId + "-mirror-checkpoint";
  }

  public String heartbeatName() {
    return "kmigrate-" + migrationId + "-mirror-heartbeat";
  }

  public List<String> names() {
    return List.of(sourceName(), checkpointName(), heartbeatName());
  }

  /** Where MirrorMaker writes checkpoints on the target (identity policy: "<source>.checkpoints.internal"). */
  public String checkpointsTopic() {
    return sourceAlias + ".checkpoints.internal";
  }

  /**
   * Where MirrorMaker writes offset syncs: on the target ("offset-syncs.topic.location=target"),
   * named after the other cluster, the source.
   */
  public String offsetSyncsTopic() {
    return "mm2-offset-syncs." + sourceAlias + ".internal";
  }

  /**
   * @param source resolved client properties of the source cluster
   * @param target resolved client properties of the target cluster
   * @param internalReplication replication factor of MirrorMaker's own topics on the target
   */
  public Map<String, Map<String, String>> configs(
      Properties source, Properties target, List<String> topics, List<String> groups, int internalReplication, int tasks) {
    Map<String, String> common = common(source, target, internalReplication);

    Map<String, String> mirror = connector(common, SOURCE, tasks);
    mirror.put("topics", patterns(topics));
    mirror.put("sync.topic.configs.enabled", "false");
    mirror.put("sync.topic.acls.enabled", "false");
    mirror.put("refresh.topics.interval.seconds", "30");
    // Larger batches for the copy (the Connect worker's producer writes the copied records).
    mirror.put("producer.override.linger.ms", "5");
    mirror.put("producer.override.batch.size", "262144");
    mirror.put("source.consumer.max.poll.records", "2000");
    // Aborted transactions are not records of the topic: do not copy them.
    mirror.put("source.consumer.isolation.level", "read_committed");

    Map<String, String> checkpoint = connector(common, CHECKPOINT, 1);
    checkpoint.put("topics", patterns(topics));
    checkpoint.put("groups", groups.isEmpty() ? "^$" : patterns(groups));
    // Checkpoints are what the consumer move waits on: emit them often, find new groups soon.
    checkpoint.put("emit.checkpoints.interval.seconds", "2");
    checkpoint.put("refresh.groups.interval.seconds", "5");
    checkpoint.put("sync.group.offsets.enabled", "false");

    return Map.of(sourceName(), mirror, checkpointName(), checkpoint, heartbeatName(), connector(common, HEARTBEAT, 1));
  }

  private static Map<String, String> connector(Map<String, String> common, String connectorClass, int tasks) {
    Map<String, String> c = new HashMap<>(common);
    c.put("connector.class", connectorClass);
    c.put("tasks.max", String.valueOf(tasks));
    return c;
  }

  private Map<String, String> common(Properties source, Properties target, int internalReplication) {
    Map<String, String> c = new HashMap<>();
    source.forEach((k, v) -> c.put("source.cluster." + k, String.valueOf(v)));
    target.forEach((k, v) -> c.put("target.cluster." + k, String.valueOf(v)));
    c.put("source.cluster.alias", sourceAlias);
    c.put("target.cluster.alias", targetAlias);
    c.put("replication.policy.class", "org.apache.kafka.connect.mirror.IdentityReplicationPolicy");
    c.put("offset-syncs.topic.location", "target");
    c.put("offset-syncs.topic.replication.factor", String.valueOf(internalReplication));
    c.put("checkpoints.topic.replication.factor", String.valueOf(internalReplication));
    c.put("heartbeats.topic.replication.factor", String.valueOf(internalReplication));
    // Records, keys and headers are copied as the bytes they are.
    c.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    c.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    c.put("header.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    return c;
  }

  /** MirrorMaker reads topics and groups as comma-separated regular expressions: match names exactly. */
  static String patterns(List<String> names) {
    return names.stream().map(Pattern::quote).collect(Collectors.joining(","));
  }

  /** A cluster name as a topic-name part ("<alias>.checkpoints.internal", Connect's own topics). */
  public static String alias(String cluster) {
    return cluster.replaceAll("[^A-Za-z0-9_-]", "_");
  }
}
